import ChatPacing
import Foundation
import Localization
import NotifierDomain
import ServiceRuntime
import Telegram

/// Sends notices through the Telegram Bot API within Telegram's own limits.
///
/// - paced by `SendPacer` (this replica's share of the global rate, one message per second per chat),
///   then, right before the attempt, by `chatPacing`: the per-chat schedule shared with the bot, so a
///   notice never follows the bot's reply to the same chat within the interval;
/// - 429: waits `parameters.retry_after` (for every chat) and retries;
/// - 5xx, timeouts and connection errors: retried with capped exponential backoff and jitter;
///   401/404 (a wrong token) too, loudly: the notices wait for the operator rather than being lost;
/// - 403 (blocked, deactivated): `.blocked`; other 4xx: `.rejected`, not retried;
/// - right before every attempt (after the pacer's wait, a 429 pause or a backoff) the notice is
///   revised: slots gone or expired meanwhile are not sent; an empty notice is `.withdrawn`.
public struct TelegramNoticeSender: NoticeSending {
    let api: any TelegramBotAPI
    let pacer: SendPacer
    let chatPacing: (any ChatPacing)?
    let composer: NoticeComposer
    let logger: Logger
    let metrics: (any TelegramSendMetrics)?
    let backoff: Backoff

    /// Creates the sender; `maxBackoff` caps the wait between two attempts after 5xx or timeouts.
    public init(
        api: any TelegramBotAPI, pacer: SendPacer, chatPacing: (any ChatPacing)? = nil, composer: NoticeComposer = NoticeComposer(),
        logger: Logger, metrics: (any TelegramSendMetrics)? = nil, maxBackoff: Duration = .seconds(30)
    ) {
        self.api = api
        self.pacer = pacer
        self.chatPacing = chatPacing
        self.composer = composer
        self.logger = logger
        self.metrics = metrics
        self.backoff = Backoff(initial: .milliseconds(500), max: maxBackoff, multiplier: 2, jitter: .equal)
    }

    /// The sendMessage request of a notice: plain text, a URL button to the booking page and under
    /// it a "still free?" callback button (answered by the bot from the database), no preview.
    public func request(for notice: Notice, now: Date = Date()) -> SendMessageRequest {
        SendMessageRequest(
            chatID: notice.chatId, text: composer.text(for: notice, now: now), parseMode: nil,
            replyMarkup: InlineKeyboardMarkup([
                [.url(composer.buttonLabel(language: notice.language), notice.bookingURL)],
                [.callback(composer.stillFreeLabel(language: notice.language), data: composer.stillFreeCallbackData(for: notice))],
            ]),
            linkPreviewOptions: LinkPreviewOptions(isDisabled: true), disableNotification: nil)
    }

    public func send(_ notice: Notice, revise: @escaping @Sendable (Notice) async throws -> Notice?) async throws -> DeliveryOutcome {
        var current = notice
        var request = request(for: notice)
        var failures = 0
        while true {
            try Task.checkCancellation()
            let ticket = try await pacer.acquire(chatId: notice.chatId)
            let revised: Notice?
            do {
                if let chatPacing {
                    let wait = try await chatPacing.reserve(chatId: notice.chatId)
                    if wait > .zero {
                        try await Task.sleep(for: wait)
                        // Counted in the global rate from the real start, not from the pacer's go.
                        await pacer.restart(ticket)
                    }
                }
                revised = try await revise(current)
            } catch {
                await pacer.complete(ticket)
                throw error
            }
            guard let revised else {
                await pacer.complete(ticket)
                return .withdrawn
            }
            if revised != current {
                current = revised
                request = self.request(for: revised)
            }
            do {
                let message = try await api.sendMessage(request)
                await pacer.complete(ticket)
                return .sent(messageId: Int64(message.messageID))
            } catch {
                await pacer.complete(ticket)
                switch error.kind {
                case .tooManyRequests(let retryAfter):
                    metrics?.telegram429()
                    let seconds = max(1, Double(retryAfter.components.seconds))
                    logger.warning("telegram 429; waiting retry_after", ["retry_after_s": String(seconds), "chat": String(notice.chatId)])
                    await pacer.pause(for: seconds)
                case .forbidden(let description):
                    logger.notice("telegram 403: the user blocked the bot", ["chat": String(notice.chatId), "description": description])
                    return .blocked(reason: description)
                case .cancelled:
                    throw CancellationError()
                case .chatMigrated:
                    logger.warning("telegram refused a notice", ["error": "\(error)", "chat": String(notice.chatId)])
                    return .rejected(reason: "\(error.code): \(error)".prefix(300).description)
                case _ where error.isRetriable, .unauthorized, .notFound:
                    failures += 1
                    metrics?.telegramRetry(reason: error.code)
                    let delay = backoff.delay(attempt: failures)
                    let level: Logger.Level = error.isRetriable ? .warning : .error
                    logger.log(
                        level, "telegram send failed; retrying",
                        [
                            "error": "\(error)", "attempt": String(failures), "delay_ms": String(delay.wholeMilliseconds),
                            "chat": String(notice.chatId),
                        ])
                    try await Task.sleep(for: delay)
                default:
                    logger.warning("telegram refused a notice", ["error": "\(error)", "chat": String(notice.chatId)])
                    return .rejected(reason: "\(error.code): \(error)".prefix(300).description)
                }
            }
        }
    }
}
