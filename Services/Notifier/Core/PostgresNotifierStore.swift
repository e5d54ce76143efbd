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

    /// The one matching query of a batch: active subscriptions of active users to any of the targets.
    /// Served by the partial index `subscriptions_active_by_target (target_id, chat_id) WHERE active`;
    /// `explain` prefixes `EXPLAIN (FORMAT JSON)` so tests and the benchmark can prove it.
    public static func subscribersQuery(forTargets targetIds: [String], explain: Bool = false) -> PostgresQuery {
        """
        \(unsafeRaw: explain ? "EXPLAIN (FORMAT JSON) " : "")SELECT s.chat_id, s.target_id, u.language, s.window_days, s.mode, s.hour_from, s.hour_to, s.weekdays
        FROM subscriptions s JOIN users u ON u.chat_id = s.chat_id
        WHERE s.target_id = ANY(\(targetIds)) AND s.active AND u.status = 'active'
        """
    }

    public func subscribers(forTargets targetIds: [String]) async throws -> [Subscriber] {
        let rows = try await client.query(Self.subscribersQuery(forTargets: targetIds))
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
        let ledger = LedgerRows(notices)
        guard !ledger.isEmpty else { return ClaimResult(toSend: [], suppressed: []) }
        return try await client.withTransaction { connection in
            // 1. The idempotency ledger: new rows are inserted pending; rows still pending (a crash
            //    after claiming) are returned again; anything else is already settled. Rows go in
            //    key order so concurrent claims (a rebalance) lock them in the same order.
            let claimed = try await connection.query(
                """
                INSERT INTO notifications (chat_id, target_id, slot_start, status, observed_at)
                SELECT c, t, to_timestamp(s::float8 / 1000), 'pending', to_timestamp(o::float8 / 1000)
                FROM unnest(\(ledger.chats)::bigint[], \(ledger.targets)::text[], \(ledger.starts)::bigint[], \(ledger.observed)::bigint[])
                    AS i(c, t, s, o)
                ON CONFLICT (chat_id, target_id, slot_start) DO UPDATE SET status = notifications.status
                    WHERE notifications.status = 'pending'
                RETURNING chat_id, target_id, slot_start, (xmax = 0) AS inserted
                """)
            var returned: [LedgerKey: Bool] = [:]
            for row in claimed {
                let (chatId, targetId, start, inserted) = try row.decode((Int64, String, Date, Bool).self)
                returned[LedgerKey(chatId: chatId, targetId: targetId, start: start)] = inserted
            }
            let candidates = notices.compactMap { ClaimCandidate(notice: $0, returned: returned) }

            // 2. The per-user, per-doctor token bucket. Every notice with freshly inserted slots takes
            //    its own token (earliest slot first within a (user, doctor)); slots re-claimed from
            //    `pending` already paid when they were first claimed.
            let paying = candidates.indices.filter { !candidates[$0].fresh.isEmpty }
                .sorted { candidates[$0].earliest < candidates[$1].earliest }
            var granted = Set<Int>()
            if !paying.isEmpty {
                granted = try await Self.takeTokens(
                    for: paying.map { (index: $0, key: candidates[$0].bucketKey) }, bucket: bucket, now: now, on: connection)
            }

            var toSend: [Notice] = []
            var suppressed: [Notice] = []
            for (index, candidate) in candidates.enumerated() {
                if candidate.fresh.isEmpty || granted.contains(index) {
                    toSend.append(candidate.with(candidate.reclaimed + candidate.fresh))
                    continue
                }
                suppressed.append(candidate.with(candidate.fresh))
                if !candidate.reclaimed.isEmpty { toSend.append(candidate.with(candidate.reclaimed)) }
            }
            if !suppressed.isEmpty {
                try await Self.setStatus(suppressed, status: "suppressed", reason: "rate_limited", on: connection)
            }
            return ClaimResult(toSend: toSend, suppressed: suppressed)
        }
    }

    /// Takes one token per request from the buckets of `requests` (in order) and returns the indices
    /// granted. Bucket rows are created full, locked in key order, updated once each.
    static func takeTokens(
        for requests: [(index: Int, key: BucketKey)], bucket: TokenBucket, now: Date, on connection: PostgresConnection
    ) async throws -> Set<Int> {
        let keys = Array(Set(requests.map(\.key))).sorted()
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
        var balances: [BucketKey: (tokens: Double, at: Date)] = [:]
        for row in state {
            let (chatId, doctor, tokens, updatedAt) = try row.decode((Int64, String, Double, Date).self)
            balances[BucketKey(chatId: chatId, doctor: doctor)] = (tokens, updatedAt)
        }
        var granted = Set<Int>()
        for request in requests {
            guard let balance = balances[request.key] else { continue }
            let taken = bucket.take(tokens: balance.tokens, updatedAt: balance.at, now: now)
            balances[request.key] = (taken.tokens, now)
            if taken.granted { granted.insert(request.index) }
        }
        let updated = balances.keys.sorted()
        _ = try await connection.query(
            """
            UPDATE rate_limits r SET tokens = k.b::float8, updated_at = \(nowText)::timestamptz
            FROM unnest(\(updated.map(\.chatId))::bigint[], \(updated.map(\.doctor))::text[], \(updated.map { String(balances[$0]!.tokens) })::text[])
                AS k(c, d, b)
            WHERE r.chat_id = k.c AND r.doctor_slug = k.d
            """)
        return granted
    }

    public func markSent(_ sent: [SentNotice]) async throws {
        guard !sent.isEmpty else { return }
        var chats: [Int64] = [], targets: [String] = [], starts: [Int64] = [], messages: [Int64] = [], sentAt: [Int64] = []
        for record in sent {
            for slot in record.notice.slots {
                chats.append(record.notice.chatId)
                targets.append(record.notice.targetId)
                starts.append(LedgerKey.milliseconds(slot.start))
                messages.append(record.telegramMessageId ?? 0)
                sentAt.append(LedgerKey.milliseconds(record.sentAt))
            }
        }
        _ = try await client.query(
            """
            UPDATE notifications n SET status = 'sent', sent_at = to_timestamp(k.a::float8 / 1000), telegram_message_id = k.m, reason = NULL
            FROM unnest(\(chats)::bigint[], \(targets)::text[], \(starts)::bigint[], \(messages)::bigint[], \(sentAt)::bigint[])
                AS k(c, t, s, m, a)
            WHERE n.chat_id = k.c AND n.target_id = k.t AND n.slot_start = to_timestamp(k.s::float8 / 1000)
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
        let rows = LedgerRows(notices)
        _ = try await connection.query(
            """
            UPDATE notifications n SET status = \(status), reason = \(reason)
            FROM unnest(\(rows.chats)::bigint[], \(rows.targets)::text[], \(rows.starts)::bigint[]) AS k(c, t, s)
            WHERE n.chat_id = k.c AND n.target_id = k.t AND n.slot_start = to_timestamp(k.s::float8 / 1000)
            """)
    }

    /// The key of one token bucket: a user and a doctor.
    struct BucketKey: Hashable, Comparable {
        var chatId: Int64
        var doctor: String
        static func < (lhs: BucketKey, rhs: BucketKey) -> Bool { (lhs.chatId, lhs.doctor) < (rhs.chatId, rhs.doctor) }
    }
}

/// One ledger row's key, with slot starts compared at millisecond precision (PostgreSQL keeps
/// microseconds; the wire carries milliseconds).
struct LedgerKey: Hashable {
    var chatId: Int64
    var targetId: String
    var startMilliseconds: Int64

    init(chatId: Int64, targetId: String, start: Date) {
        self.chatId = chatId
        self.targetId = targetId
        self.startMilliseconds = Self.milliseconds(start)
    }

    /// Milliseconds since 1970, the precision of the wire (and of what the ledger stores).
    static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }
}

/// The notices of a batch as ledger rows (column arrays for `unnest`; instants as milliseconds
/// since 1970): one per (user, target, slot start), duplicates removed (one `INSERT … ON CONFLICT
/// DO UPDATE` may not touch a row twice), sorted by key.
struct LedgerRows {
    var chats: [Int64] = []
    var targets: [String] = []
    var starts: [Int64] = []
    var observed: [Int64] = []

    init(_ notices: [Notice]) {
        var rows: [LedgerKey: Int64] = [:]
        for notice in notices {
            let observedAt = LedgerKey.milliseconds(notice.observedAt)
            for slot in notice.slots {
                let key = LedgerKey(chatId: notice.chatId, targetId: notice.targetId, start: slot.start)
                rows[key] = min(rows[key] ?? observedAt, observedAt)
            }
        }
        for (key, observedAt) in rows.sorted(by: { ($0.key.chatId, $0.key.targetId, $0.key.startMilliseconds) < ($1.key.chatId, $1.key.targetId, $1.key.startMilliseconds) }) {
            chats.append(key.chatId)
            targets.append(key.targetId)
            starts.append(key.startMilliseconds)
            observed.append(observedAt)
        }
    }

    var isEmpty: Bool { chats.isEmpty }
}

/// A notice after the ledger insert: its slots split into fresh ones (inserted now, must pay a
/// token) and re-claimed ones (left `pending` by a crash; already paid).
struct ClaimCandidate {
    var notice: Notice
    var fresh: [SlotTime] = []
    var reclaimed: [SlotTime] = []

    init?(notice: Notice, returned: [LedgerKey: Bool]) {
        self.notice = notice
        var seen = Set<LedgerKey>()
        for slot in notice.slots {
            let key = LedgerKey(chatId: notice.chatId, targetId: notice.targetId, start: slot.start)
            guard seen.insert(key).inserted, let inserted = returned[key] else { continue }
            if inserted { fresh.append(slot) } else { reclaimed.append(slot) }
        }
        if fresh.isEmpty && reclaimed.isEmpty { return nil }
    }

    var bucketKey: PostgresNotifierStore.BucketKey { .init(chatId: notice.chatId, doctor: notice.doctor.slug) }
    var earliest: Date { (fresh + reclaimed).map(\.start).min() ?? notice.observedAt }

    /// The notice reduced to `slots` (re-sorted, earliest first).
    func with(_ slots: [SlotTime]) -> Notice {
        var reduced = notice
        reduced.slots = slots.sorted { $0.start < $1.start }
        return reduced
    }
}
