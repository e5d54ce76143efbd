import Foundation

/// The notifier's ledger as the bot reads it to answer a notice's "🔄 still free?" button: the
/// slots of one notice with their latest known state. PostgreSQL in production (the bot and the
/// notifier share the database; `PostgresNoticeSlots`), an actor in tests (`InMemoryNoticeSlots`).
public protocol NoticeSlotStore: Sendable {
    /// The slots `chatId` was told about in the message `messageId` (the notice the button is on),
    /// earliest first; when no ledger row of that chat carries that message id (not recorded yet,
    /// or no id), the chat's sent or pending rows of the slot starting at `firstSlotStart`. Empty
    /// when the chat has no such notice (another chat's button, or rows purged).
    func noticeSlots(chatId: Int64, messageId: Int64?, firstSlotStart: Date) async throws -> [NoticeSlot]
}
