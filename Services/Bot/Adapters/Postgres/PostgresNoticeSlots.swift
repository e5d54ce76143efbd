import BotDomain
import Foundation
import Postgres

/// `NoticeSlotStore` on the PostgreSQL the bot shares with the notifier: the notifier's ledger
/// (`notifications`, `gone_slots`) and the checks the bot records (`target_checks`), read in one
/// statement per lookup. Served by the ledger's unique index, whose first column is the chat.
public struct PostgresNoticeSlots: NoticeSlotStore {
    let client: PostgresClient

    /// Creates the adapter.
    public init(client: PostgresClient) {
        self.client = client
    }

    public func noticeSlots(chatId: Int64, messageId: Int64?, firstSlotStart: Date) async throws -> [NoticeSlot] {
        if let messageId, messageId != 0 {
            let byMessage = try await slots(
                """
                SELECT \(unsafeRaw: Self.columns) \(unsafeRaw: Self.joins)
                WHERE n.chat_id = \(chatId) AND n.telegram_message_id = \(messageId)
                ORDER BY n.slot_start, n.target_id
                """)
            if !byMessage.isEmpty { return byMessage }
        }
        // Not recorded yet (the tap raced the notifier's `sent` record): the slot the button names.
        return try await slots(
            """
            SELECT \(unsafeRaw: Self.columns) \(unsafeRaw: Self.joins)
            WHERE n.chat_id = \(chatId) AND n.slot_start = \(firstSlotStart) AND n.status IN ('sent', 'pending')
            ORDER BY n.slot_start, n.target_id
            """)
    }

    static let columns = """
        n.target_id, n.slot_start, coalesce(n.slot_end, n.slot_start), n.granularity, coalesce(n.observed_at, n.created_at),
            g.first_missed_at, c.checked_at, c.last_success_at
        """
    static let joins = """
        FROM notifications n
        LEFT JOIN gone_slots g ON g.target_id = n.target_id AND g.slot_start = n.slot_start AND g.episode = n.episode
        LEFT JOIN target_checks c ON c.target_id = n.target_id
        """

    private func slots(_ query: PostgresQuery) async throws -> [NoticeSlot] {
        try await client.query(query).map { row in
            let (targetId, start, end, granularity, observedAt, goneAt, checkedAt, lastSuccessAt) = try row.decode(
                (String, Date, Date, String, Date, Date?, Date?, Date?).self)
            return NoticeSlot(
                targetId: targetId, start: start, end: end, isDay: granularity == "day", observedAt: observedAt, goneAt: goneAt,
                lastCheckAt: checkedAt, lastSuccessAt: lastSuccessAt)
        }
    }
}
