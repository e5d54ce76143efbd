import Foundation

/// A notice Telegram accepted, as the ledger records it.
public struct SentNotice: Sendable, Hashable {
    /// The notice.
    public var notice: Notice
    /// Telegram's id of the message, when it said one.
    public var telegramMessageId: Int64?
    /// When Telegram accepted it.
    public var sentAt: Date

    /// Creates a record.
    public init(notice: Notice, telegramMessageId: Int64?, sentAt: Date) {
        self.notice = notice
        self.telegramMessageId = telegramMessageId
        self.sentAt = sentAt
    }
}
