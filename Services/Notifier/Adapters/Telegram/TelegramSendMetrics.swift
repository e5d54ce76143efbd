/// What `TelegramNoticeSender` counts (implemented by `NotifierMetrics`).
public protocol TelegramSendMetrics: Sendable {
    /// Telegram answered 429.
    func telegram429()
    /// A sendMessage attempt is retried after `reason` (an error code).
    func telegramRetry(reason: String)
}
