import Foundation
import Localization
import ServiceRuntime
import Telegram

/// Sends notices through the Telegram Bot API within Telegram's own limits.
///
/// - paced by `SendPacer` (global rate, one message per second per chat);
/// - 429: waits `parameters.retry_after` (for every chat) and retries;
/// - 5xx, timeouts and connection errors: retried with capped exponential backoff and jitter;
/// - 403 (blocked, deactivated): `.blocked`; other 4xx: `.rejected`, not retried.
public struct TelegramNoticeSender: NoticeSending {
    let api: any TelegramBotAPI
    let pacer: SendPacer
    let composer: NoticeComposer
    let logger: Logger
    let metrics: NotifierMetrics?
    let maxBackoff: Duration

    /// Creates the sender.
    public init(
        api: any TelegramBotAPI, pacer: SendPacer, composer: NoticeComposer = NoticeComposer(), logger: Logger,
        metrics: NotifierMetrics? = nil, maxBackoff: Duration = .seconds(30)
    ) {
        self.api = api
        self.pacer = pacer
        self.composer = composer
        self.logger = logger
        self.metrics = metrics
        self.maxBackoff = maxBackoff
    }

    public func send(_ notice: Notice) async throws -> DeliveryOutcome {
        let request = SendMessageRequest(
            chatID: notice.chatId, text: composer.text(for: notice), parseMode: nil,
            replyMarkup: InlineKeyboardMarkup([[.url(composer.buttonLabel(language: notice.language), notice.bookingURL)]]),
            linkPreviewOptions: LinkPreviewOptions(isDisabled: true), disableNotification: nil)
        var attempt = 0
        while true {
            try Task.checkCancellation()
            try await pacer.acquire(chatId: notice.chatId)
            do {
                let message = try await api.sendMessage(request)
                return .sent(messageId: Int64(message.messageID))
            } catch {
                attempt += 1
                switch error.kind {
                case .tooManyRequests(let retryAfter):
                    metrics?.telegram429()
                    let seconds = max(1, Double(retryAfter.components.seconds))
                    logger.warning("telegram 429; waiting retry_after", ["retry_after_s": String(seconds), "chat": String(notice.chatId)])
                    await pacer.pause(for: seconds)
                case .forbidden(let description):
                    return .blocked(reason: description)
                case .cancelled:
                    throw CancellationError()
                case .chatMigrated:
                    return .rejected(reason: error.code)
                case _ where error.isRetriable:
                    let delay = Self.backoff(attempt: attempt, cap: maxBackoff)
                    logger.warning(
                        "telegram send failed; retrying", ["error": error.code, "attempt": String(attempt), "delay_ms": String(delay.components.seconds * 1000)])
                    try await Task.sleep(for: delay)
                default:
                    logger.warning("telegram refused a notice", ["error": "\(error)", "chat": String(notice.chatId)])
                    return .rejected(reason: "\(error.code): \(error)".prefix(300).description)
                }
            }
        }
    }

    /// Full-jitter exponential backoff: 0.5 s, 1 s, 2 s, … capped.
    static func backoff(attempt: Int, cap: Duration) -> Duration {
        let base = min(Double(cap.components.seconds), 0.5 * pow(2, Double(min(attempt, 16) - 1)))
        return .milliseconds(Int64(max(0.1, Double.random(in: 0.5...1) * base) * 1000))
    }
}
