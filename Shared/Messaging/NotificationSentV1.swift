import Foundation

/// `notification.sent` v1 (notifier, topic `smartwhale.data.notifications`, key = chat id): one
/// per notice delivered to a user.
public struct NotificationSentV1: MessagePayload {
    public static let schema = "notification.sent"
    public static let version = 1

    /// Telegram chat id of the user.
    public var chatId: Int64
    /// The watch target id.
    public var targetId: String
    /// The slot starts listed in the notice, earliest first.
    public var slotStarts: [Date]
    /// Telegram message id of the notice.
    public var telegramMessageId: Int64?
    /// Milliseconds from the earliest slot's `observed_at` to Telegram's acceptance.
    public var latencyMs: Int
    /// When Telegram accepted the message.
    public var sentAt: Date

    /// Creates the payload.
    public init(
        chatId: Int64, targetId: String, slotStarts: [Date], telegramMessageId: Int64?, latencyMs: Int,
        sentAt: Date
    ) {
        self.chatId = chatId
        self.targetId = targetId
        self.slotStarts = slotStarts
        self.telegramMessageId = telegramMessageId
        self.latencyMs = latencyMs
        self.sentAt = sentAt
    }

    enum CodingKeys: String, CodingKey {
        case chatId = "chat_id"
        case targetId = "target_id"
        case slotStarts = "slot_starts"
        case telegramMessageId = "telegram_message_id"
        case latencyMs = "latency_ms"
        case sentAt = "sent_at"
    }
}
