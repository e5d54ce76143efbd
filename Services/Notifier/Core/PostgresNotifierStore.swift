import Foundation
import Localization
import Messaging
import Postgres

/// `NotifierStore` on PostgreSQL: set-based statements, a constant number per batch whatever its size.
public struct PostgresNotifierStore: NotifierStore {
    let client: PostgresClient

    /// Creates the store.
    public init(client: PostgresClient) {
        self.client = client
    }

    public func subscribers(forTargets targetIds: [String]) async throws -> [Subscriber] {
        let rows = try await client.query(
            """
            SELECT s.chat_id, s.target_id, u.language, s.window_days, s.mode, s.hour_from, s.hour_to, s.weekdays
            FROM subscriptions s JOIN users u ON u.chat_id = s.chat_id
            WHERE s.target_id = ANY(\(targetIds)) AND s.active AND u.status = 'active'
            """)
        return try rows.map { row in
            let (chatId, targetId, language, days, mode, from, to, weekdays) = try row.decode(
                (Int64, String, String, Int, String, Int, Int, Int).self)
            return Subscriber(
                chatId: chatId, targetId: targetId, language: Language(rawValue: language) ?? .persian,
                filters: SubscriptionFilters(
                    windowDays: days, mode: SubscriptionFilters.Mode(rawValue: mode) ?? .any, hourFrom: from, hourTo: to,
                    weekdays: weekdays))
        }
    }

    public func claim(_ notices: [Notice], bucket: TokenBucket, now: Date) async throws -> ClaimResult {
        var chats: [Int64] = []
        var targets: [String] = []
        var starts: [String] = []
        var observed: [String] = []
        for notice in notices {
            for slot in notice.slots {
                chats.append(notice.chatId)
                targets.append(notice.targetId)
                starts.append(RFC3339.string(from: slot.start))
                observed.append(RFC3339.string(from: notice.observedAt))
            }
        }
        return try await client.withTransaction { connection in
            // 1. The idempotency ledger: new rows are inserted pending; rows still pending (a crash
            //    after claiming) are returned again; anything else is already settled.
            let claimed = try await connection.query(
                """
                INSERT INTO notifications (chat_id, target_id, slot_start, status, observed_at)
                SELECT c, t, s::timestamptz, 'pending', o::timestamptz
                FROM unnest(\(chats)::bigint[], \(targets)::text[], \(starts)::text[], \(observed)::text[]) AS i(c, t, s, o)
                ON CONFLICT (chat_id, target_id, slot_start) DO UPDATE SET status = notifications.status
                    WHERE notifications.status = 'pending'
                RETURNING chat_id, target_id, slot_start, (xmax = 0) AS inserted
                """)
            var fresh: [NoticeGroup: (slots: Set<Date>, inserted: Bool)] = [:]
            for row in claimed {
                let (chatId, targetId, start, inserted) = try row.decode((Int64, String, Date, Bool).self)
                var entry = fresh[NoticeGroup(chatId: chatId, targetId: targetId)] ?? ([], false)
                entry.slots.insert(start)
                entry.inserted = entry.inserted || inserted
                fresh[NoticeGroup(chatId: chatId, targetId: targetId)] = entry
            }
            var candidates: [(notice: Notice, inserted: Bool)] = []
            for notice in notices {
                guard let entry = fresh[NoticeGroup(chatId: notice.chatId, targetId: notice.targetId)] else { continue }
                var reduced = notice
                reduced.slots = notice.slots.filter { slot in entry.slots.contains { abs($0.timeIntervalSince(slot.start)) < 0.001 } }
                if !reduced.slots.isEmpty { candidates.append((reduced, entry.inserted)) }
            }
            // 2. The per-user, per-doctor token bucket, only for notices with freshly inserted slots
            //    (a re-claimed pending notice already paid).
            let paying = candidates.filter(\.inserted).map(\.notice)
            let keys = Array(Set(paying.map { BucketKey(chatId: $0.chatId, doctor: $0.doctor.slug) })).sorted()
            var granted = Set<BucketKey>()
            if !keys.isEmpty {
                let keyChats = keys.map(\.chatId)
                let keyDoctors = keys.map(\.doctor)
                let nowText = RFC3339.string(from: now)
                _ = try await connection.query(
                    """
                    INSERT INTO rate_limits (chat_id, doctor_slug, tokens, updated_at)
                    SELECT c, d, \(bucket.capacity), \(nowText)::timestamptz
                    FROM unnest(\(keyChats)::bigint[], \(keyDoctors)::text[]) AS k(c, d)
                    ON CONFLICT (chat_id, doctor_slug) DO NOTHING
                    """)
                let state = try await connection.query(
                    """
                    SELECT chat_id, doctor_slug, tokens, updated_at FROM rate_limits
                    WHERE (chat_id, doctor_slug) IN (SELECT * FROM unnest(\(keyChats)::bigint[], \(keyDoctors)::text[]))
                    ORDER BY chat_id, doctor_slug FOR UPDATE
                    """)
                var updChats: [Int64] = []
                var updDoctors: [String] = []
                var updTokens: [String] = []
                for row in state {
                    let (chatId, doctor, tokens, updatedAt) = try row.decode((Int64, String, Double, Date).self)
                    let key = BucketKey(chatId: chatId, doctor: doctor)
                    // Each notice to a user about a doctor takes one token; the notices of one batch
                    // for one (user, doctor) share the grant decision of the last take.
                    var balance = tokens
                    var at = updatedAt
                    for notice in paying where BucketKey(chatId: notice.chatId, doctor: notice.doctor.slug) == key {
                        let taken = bucket.take(tokens: balance, updatedAt: at, now: now)
                        balance = taken.tokens
                        at = now
                        if taken.granted { granted.insert(key) } else { granted.remove(key) }
                    }
                    updChats.append(chatId)
                    updDoctors.append(doctor)
                    updTokens.append(String(balance))
                }
                _ = try await connection.query(
                    """
                    UPDATE rate_limits r SET tokens = k.b::float8, updated_at = \(nowText)::timestamptz
                    FROM unnest(\(updChats)::bigint[], \(updDoctors)::text[], \(updTokens)::text[]) AS k(c, d, b)
                    WHERE r.chat_id = k.c AND r.doctor_slug = k.d
                    """)
            }
            var toSend: [Notice] = []
            var suppressed: [Notice] = []
            for (notice, inserted) in candidates {
                if !inserted || granted.contains(BucketKey(chatId: notice.chatId, doctor: notice.doctor.slug)) {
                    toSend.append(notice)
                } else {
                    suppressed.append(notice)
                }
            }
            if !suppressed.isEmpty {
                try await Self.setStatus(suppressed, status: "suppressed", reason: "rate_limited", on: connection)
            }
            return ClaimResult(toSend: toSend, suppressed: suppressed)
        }
    }

    public func markSent(_ notice: Notice, telegramMessageId: Int64?, at: Date) async throws {
        let starts = notice.slots.map { RFC3339.string(from: $0.start) }
        _ = try await client.query(
            """
            UPDATE notifications SET status = 'sent', sent_at = \(at), telegram_message_id = \(telegramMessageId ?? 0)
            WHERE chat_id = \(notice.chatId) AND target_id = \(notice.targetId) AND slot_start = ANY(\(starts)::text[]::timestamptz[])
            """)
    }

    public func markFailed(_ notice: Notice, reason: String) async throws {
        try await client.withConnection { connection in
            try await Self.setStatus([notice], status: "failed", reason: reason, on: connection)
        }
    }

    public func deactivateUser(chatId: Int64, reason: String) async throws {
        try await client.withTransaction { connection in
            _ = try await connection.query(
                "UPDATE users SET status = 'blocked', status_reason = \(reason), updated_at = now() WHERE chat_id = \(chatId)")
            _ = try await connection.query("UPDATE subscriptions SET active = false, updated_at = now() WHERE chat_id = \(chatId)")
        }
    }

    static func setStatus(_ notices: [Notice], status: String, reason: String, on connection: PostgresConnection) async throws {
        var chats: [Int64] = []
        var targets: [String] = []
        var starts: [String] = []
        for notice in notices {
            for slot in notice.slots {
                chats.append(notice.chatId)
                targets.append(notice.targetId)
                starts.append(RFC3339.string(from: slot.start))
            }
        }
        _ = try await connection.query(
            """
            UPDATE notifications n SET status = \(status), reason = \(reason)
            FROM unnest(\(chats)::bigint[], \(targets)::text[], \(starts)::text[]) AS k(c, t, s)
            WHERE n.chat_id = k.c AND n.target_id = k.t AND n.slot_start = k.s::timestamptz
            """)
    }

    private struct NoticeGroup: Hashable {
        var chatId: Int64
        var targetId: String
    }

    private struct BucketKey: Hashable, Comparable {
        var chatId: Int64
        var doctor: String
        static func < (lhs: BucketKey, rhs: BucketKey) -> Bool { (lhs.chatId, lhs.doctor) < (rhs.chatId, rhs.doctor) }
    }
}
