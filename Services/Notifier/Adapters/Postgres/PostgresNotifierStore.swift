import Foundation
import Localization
import NotifierDomain
import Postgres
import ServiceRuntime

/// `SubscriberDirectory` and `DeliveryLedger` on PostgreSQL: set-based statements, a constant number
/// per batch whatever its size. The SQL only stores and loads; what a claim decides is
/// `ClaimCandidate` and `PerUserLimit`'s.
public struct PostgresNotifierStore: NotifierStore {
    let client: PostgresClient

    /// Creates the store.
    public init(client: PostgresClient) {
        self.client = client
    }

    /// Outages (connection lost, server shutting down…) are transient; anything else the server
    /// refuses is permanent (see `PostgresError.isPermanent`).
    public static let failureKind: @Sendable (any Error) -> FailureKind = { PostgresError.isPermanent($0) ? .permanent : .transient }

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

    public func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult {
        let ledger = LedgerRows(notices)
        guard !ledger.isEmpty else { return ClaimResult(toSend: [], suppressed: []) }
        return try await client.withTransaction { connection in
            // 1. The idempotency ledger: new rows are inserted pending; rows still pending (a crash
            //    after claiming) are returned again; anything else is already settled. Rows go in
            //    key order so concurrent claims (a rebalance) lock them in the same order.
            let claimed = try await connection.query(
                """
                INSERT INTO notifications (chat_id, target_id, slot_start, episode, slot_end, granularity, status, observed_at)
                SELECT c, t, to_timestamp(s::float8 / 1000), e::uuid, to_timestamp(x::float8 / 1000), g, 'pending', to_timestamp(o::float8 / 1000)
                FROM unnest(\(ledger.chats)::bigint[], \(ledger.targets)::text[], \(ledger.starts)::bigint[], \(ledger.episodes)::text[],
                    \(ledger.ends)::bigint[], \(ledger.granularities)::text[], \(ledger.observed)::bigint[])
                    AS i(c, t, s, e, x, g, o)
                ON CONFLICT (chat_id, target_id, slot_start, episode) DO UPDATE SET status = notifications.status
                    WHERE notifications.status = 'pending'
                RETURNING chat_id, target_id, slot_start, episode, (xmax = 0) AS inserted
                """)
            var states: [LedgerKey: LedgerSlotState] = [:]
            for row in claimed {
                let (chatId, targetId, start, episode, inserted) = try row.decode((Int64, String, Date, UUID, Bool).self)
                states[LedgerKey(chatId: chatId, targetId: targetId, start: start, episode: episode)] = inserted ? .fresh : .reclaimed
            }
            // 2. The episodes already gone (a slot.gone recorded before this claim): withdrawn, unpaid.
            let gone = try await Self.goneEpisodes(among: states.keys.map(\.episodeKey), on: connection)
            let (candidates, withdrawn) = ClaimCandidate.candidates(for: notices, states: states, gone: gone)

            // 3. The per-user limit: its buckets loaded and locked here, decided by `PerUserLimit`,
            //    saved back in the same transaction.
            let keys = limit.bucketKeys(for: candidates)
            var buckets: [BucketKey: BucketState] = [:]
            if !keys.isEmpty { buckets = try await Self.lockBuckets(keys, initial: limit.initialState(now: now), on: connection) }
            let decision = limit.decide(candidates, states: buckets, now: now)
            if !keys.isEmpty { try await Self.saveBuckets(decision.states, on: connection) }

            // 4. Held back is not lost: the notices that go carry their users' held-back slots.
            let heldBack = try await Self.lockHeldBack(for: decision.result.toSend, on: connection)
            let offer = StillFreeOffer.attach(to: decision.result.toSend, heldBack: heldBack, now: now)

            if !decision.result.suppressed.isEmpty {
                try await Self.setStatus(decision.result.suppressed, status: "suppressed", reason: "rate_limited", on: connection)
            }
            if !offer.offered.isEmpty { try await Self.setStatus(offer.offered, status: "pending", reason: "offered", on: connection) }
            let withdrawnAll = withdrawn + offer.withdrawn
            if !withdrawnAll.isEmpty { try await Self.setStatus(withdrawnAll, status: "withdrawn", reason: nil, on: connection) }
            if !offer.expired.isEmpty { try await Self.setStatus(offer.expired, status: "expired", reason: nil, on: connection) }
            return ClaimResult(
                toSend: offer.toSend, suppressed: decision.result.suppressed, withdrawn: withdrawnAll, expired: offer.expired)
        }
    }

    /// The held-back slots (suppressed `rate_limited`, or offered and not yet sent) of the users
    /// and targets of `toSend`, locked, with whether their episode is gone.
    static func lockHeldBack(for toSend: [Notice], on connection: PostgresConnection) async throws -> [HeldBackSlot] {
        let pairs = StillFreeOffer.pairs(of: toSend)
        guard !pairs.isEmpty else { return [] }
        let rows = try await connection.query(
            """
            SELECT n.chat_id, n.target_id, n.slot_start, n.episode, coalesce(n.slot_end, n.slot_start), n.granularity,
                (g.target_id IS NOT NULL) AS gone
            FROM notifications n
            LEFT JOIN gone_slots g ON g.target_id = n.target_id AND g.slot_start = n.slot_start AND g.episode = n.episode
            WHERE (n.chat_id, n.target_id) IN (SELECT * FROM unnest(\(pairs.map(\.chatId))::bigint[], \(pairs.map(\.targetId))::text[]))
                AND ((n.status = 'suppressed' AND n.reason = 'rate_limited') OR (n.status = 'pending' AND n.reason = 'offered'))
            ORDER BY n.chat_id, n.target_id, n.slot_start, n.episode
            FOR UPDATE OF n
            """)
        return try rows.map { row in
            let (chatId, targetId, start, episode, end, granularity, gone) = try row.decode(
                (Int64, String, Date, UUID, Date, String, Bool).self)
            return HeldBackSlot(
                key: LedgerKey(chatId: chatId, targetId: targetId, start: start, episode: episode),
                slot: SlotPeriod(
                    start: start, end: end, episode: episode, granularity: SlotPeriod.Granularity(rawValue: granularity) ?? .time),
                isGone: gone)
        }
    }

    /// Which of `keys` are in `gone_slots`.
    static func goneEpisodes(among keys: [SlotEpisodeKey], on connection: some PostgresQueryable) async throws -> Set<SlotEpisodeKey> {
        let rows = EpisodeRows(keys)
        guard !rows.isEmpty else { return [] }
        let found = try await connection.query(
            """
            SELECT g.target_id, g.slot_start, g.episode FROM gone_slots g
            JOIN unnest(\(rows.targets)::text[], \(rows.starts)::bigint[], \(rows.episodes)::text[]) AS k(t, s, e)
                ON g.target_id = k.t AND g.slot_start = to_timestamp(k.s::float8 / 1000) AND g.episode = k.e::uuid
            """)
        var gone = Set<SlotEpisodeKey>()
        for row in found {
            let (targetId, start, episode) = try row.decode((String, Date, UUID).self)
            gone.insert(SlotEpisodeKey(targetId: targetId, start: start, episode: episode))
        }
        return gone
    }

    /// Loads the buckets of `keys` for update, creating missing ones with `initial`. Rows are
    /// created and locked in key order, so concurrent claims of two replicas never deadlock and
    /// the second waits for the first's tokens.
    static func lockBuckets(
        _ keys: [BucketKey], initial: BucketState, on connection: PostgresConnection
    ) async throws -> [BucketKey: BucketState] {
        let keyChats = keys.map(\.chatId)
        let keyDoctors = keys.map(\.doctorSlug)
        _ = try await connection.query(
            """
            INSERT INTO rate_limits (chat_id, doctor_slug, tokens, updated_at)
            SELECT c, d, \(initial.tokens), to_timestamp(\(LedgerKey.milliseconds(initial.updatedAt))::bigint::float8 / 1000)
            FROM unnest(\(keyChats)::bigint[], \(keyDoctors)::text[]) AS k(c, d)
            ON CONFLICT (chat_id, doctor_slug) DO NOTHING
            """)
        let rows = try await connection.query(
            """
            SELECT chat_id, doctor_slug, tokens, updated_at FROM rate_limits
            WHERE (chat_id, doctor_slug) IN (SELECT * FROM unnest(\(keyChats)::bigint[], \(keyDoctors)::text[]))
            ORDER BY chat_id, doctor_slug FOR UPDATE
            """)
        var states: [BucketKey: BucketState] = [:]
        for row in rows {
            let (chatId, doctor, tokens, updatedAt) = try row.decode((Int64, String, Double, Date).self)
            states[BucketKey(chatId: chatId, doctorSlug: doctor)] = BucketState(tokens: tokens, updatedAt: updatedAt)
        }
        return states
    }

    /// Saves bucket states (rows locked by `lockBuckets` in the same transaction).
    static func saveBuckets(_ states: [BucketKey: BucketState], on connection: PostgresConnection) async throws {
        let keys = states.keys.sorted()
        guard !keys.isEmpty else { return }
        _ = try await connection.query(
            """
            UPDATE rate_limits r SET tokens = k.b::float8, updated_at = to_timestamp(k.u::float8 / 1000)
            FROM unnest(\(keys.map(\.chatId))::bigint[], \(keys.map(\.doctorSlug))::text[], \(keys.map { String(states[$0]!.tokens) })::text[],
                \(keys.map { LedgerKey.milliseconds(states[$0]!.updatedAt) })::bigint[])
                AS k(c, d, b, u)
            WHERE r.chat_id = k.c AND r.doctor_slug = k.d
            """)
    }

    public func markSent(_ sent: [SentNotice]) async throws {
        guard !sent.isEmpty else { return }
        var chats: [Int64] = [], targets: [String] = [], starts: [Int64] = [], episodes: [String] = [], messages: [Int64] = [],
            sentAt: [Int64] = []
        for record in sent {
            for slot in record.notice.slots {
                chats.append(record.notice.chatId)
                targets.append(record.notice.targetId)
                starts.append(LedgerKey.milliseconds(slot.start))
                episodes.append(slot.episode.uuidString.lowercased())
                messages.append(record.telegramMessageId ?? 0)
                sentAt.append(LedgerKey.milliseconds(record.sentAt))
            }
        }
        _ = try await client.query(
            """
            UPDATE notifications n SET status = 'sent', sent_at = to_timestamp(k.a::float8 / 1000), telegram_message_id = k.m, reason = NULL
            FROM unnest(\(chats)::bigint[], \(targets)::text[], \(starts)::bigint[], \(episodes)::text[], \(messages)::bigint[],
                \(sentAt)::bigint[]) AS k(c, t, s, e, m, a)
            WHERE n.chat_id = k.c AND n.target_id = k.t AND n.slot_start = to_timestamp(k.s::float8 / 1000) AND n.episode = k.e::uuid
            """)
    }

    public func markFailed(_ notice: Notice, reason: String) async throws {
        try await client.withConnection { connection in
            try await Self.setStatus([notice], status: "failed", reason: reason, on: connection)
        }
    }

    public func markWithheld(_ notices: [Notice], as reason: WithheldReason) async throws {
        guard !notices.isEmpty else { return }
        try await client.withConnection { connection in
            try await Self.setStatus(notices, status: reason.rawValue, reason: nil, on: connection)
        }
    }

    public func recordGone(_ slots: [GoneSlot]) async throws {
        guard !slots.isEmpty else { return }
        var byKey: [SlotEpisodeKey: GoneSlot] = [:]
        for slot in slots { byKey[slot.key] = byKey[slot.key] ?? slot }
        let sorted = byKey.sorted { $0.key < $1.key }
        _ = try await client.query(
            """
            INSERT INTO gone_slots (target_id, slot_start, episode, slot_end, first_missed_at)
            SELECT t, to_timestamp(s::float8 / 1000), e::uuid, to_timestamp(x::float8 / 1000), to_timestamp(m::float8 / 1000)
            FROM unnest(\(sorted.map(\.key.targetId))::text[], \(sorted.map(\.key.startMilliseconds))::bigint[],
                \(sorted.map { $0.key.episode.uuidString.lowercased() })::text[], \(sorted.map { LedgerKey.milliseconds($0.value.slot.end) })::bigint[],
                \(sorted.map { LedgerKey.milliseconds($0.value.firstMissedAt) })::bigint[]) AS g(t, s, e, x, m)
            ON CONFLICT (target_id, slot_start, episode) DO NOTHING
            """)
    }

    public func goneEpisodes(among keys: [SlotEpisodeKey]) async throws -> Set<SlotEpisodeKey> {
        try await Self.goneEpisodes(among: keys, on: client)
    }

    public func purgeGone(endedBefore cutoff: Date) async throws -> Int {
        let rows = try await client.query(
            "DELETE FROM gone_slots WHERE slot_end < to_timestamp(\(LedgerKey.milliseconds(cutoff))::bigint::float8 / 1000) RETURNING 1")
        return rows.count
    }

    public func deactivateUser(chatId: Int64, reason: String) async throws {
        try await client.withTransaction { connection in
            _ = try await connection.query(
                "UPDATE users SET status = 'blocked', status_reason = \(reason), updated_at = now() WHERE chat_id = \(chatId)")
            _ = try await connection.query("UPDATE subscriptions SET active = false, updated_at = now() WHERE chat_id = \(chatId)")
        }
    }

    static func setStatus(_ notices: [Notice], status: String, reason: String?, on connection: PostgresConnection) async throws {
        let rows = LedgerRows(notices)
        _ = try await connection.query(
            """
            UPDATE notifications n SET status = \(status), reason = \(reason)
            FROM unnest(\(rows.chats)::bigint[], \(rows.targets)::text[], \(rows.starts)::bigint[], \(rows.episodes)::text[]) AS k(c, t, s, e)
            WHERE n.chat_id = k.c AND n.target_id = k.t AND n.slot_start = to_timestamp(k.s::float8 / 1000) AND n.episode = k.e::uuid
            """)
    }
}
