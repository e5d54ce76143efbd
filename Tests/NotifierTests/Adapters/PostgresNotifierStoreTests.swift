import Foundation
import Messaging
import NotifierAdapters
import NotifierDomain
import Postgres
import TestSupport
import Testing

/// The notifier's PostgreSQL adapter against the real server: matching, the idempotency ledger and
/// the shared per-user token bucket.
@Suite("PostgresNotifierStore", .enabled(if: TestEnvironment.hasDatabase))
struct PostgresNotifierStoreTests {
    let now = Date()

    func makeStore() async throws -> (PostgresNotifierStore, PostgresClient) {
        let database = try await TestDatabase.create(prefix: "ntfstore")
        let client = try database.client(poolSize: 2)
        try await NotifierTestData.migrate(client)
        return (PostgresNotifierStore(client: client), client)
    }

    func notice(chat: Int64, target: Int, doctor: Int? = nil, minutes: [Int]) -> Notice {
        let starts = minutes.map { NotifierTestData.slotStart(index: 0, now: now).addingTimeInterval(TimeInterval($0 * 60)) }
        return Notice(
            chatId: chat, language: .english, targetId: NotifierTestData.targetId(target),
            doctor: NotifierTestData.noticeDoctor(doctor ?? target), center: NotifierTestData.noticeCenter(target),
            bookingURL: "https://www.paziresh24.com/dr/x/", slots: starts.map { SlotPeriod(start: $0, end: $0 + 600) }, observedAt: now)
    }

    func statuses(_ client: PostgresClient) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await client.query("SELECT status, count(*)::bigint FROM notifications GROUP BY status") {
            let (status, count) = try row.decode((String, Int64).self)
            counts[status] = Int(count)
        }
        return counts
    }

    @Test("matching skips paused and blocked users and inactive subscriptions, and reads the filters")
    func matchingSkipsInactive() async throws {
        let (store, client) = try await makeStore()
        defer { Task { await client.close() } }
        try await NotifierTestData.addTargets(1...2, on: client)
        try await NotifierTestData.addUsers(1...3, on: client)
        try await NotifierTestData.addUsers(4...4, status: "paused", on: client)
        try await NotifierTestData.addUsers(5...5, status: "blocked", on: client)
        try await NotifierTestData.addUsers(6...6, language: .persian, on: client)
        try await NotifierTestData.subscribe(1...2, to: 1, on: client)
        try await NotifierTestData.subscribe(3...3, to: 1, active: false, on: client)
        try await NotifierTestData.subscribe(4...5, to: 1, on: client)
        try await NotifierTestData.subscribe(
            6...6, to: 1, mode: "online", hourFrom: 8, hourTo: 12, weekdays: 0b0101010, windowDays: 7, on: client)
        try await NotifierTestData.subscribe(1...1, to: 2, on: client)

        let subscribers = try await store.subscribers(forTargets: [NotifierTestData.targetId(1)])
        #expect(Set(subscribers.map(\.chatId)) == [1, 2, 6])
        let six = try #require(subscribers.first { $0.chatId == 6 })
        #expect(six.language == .persian)
        #expect(six.filters == SubscriptionFilters(windowDays: 7, mode: .online, hourFrom: 8, hourTo: 12, weekdays: 0b0101010))
        let both = try await store.subscribers(forTargets: [NotifierTestData.targetId(1), NotifierTestData.targetId(2)])
        #expect(both.count == 4)
    }

    @Test("one matching query per batch, served by subscriptions_active_by_target (no sequential scan) at 100,000 subscriptions")
    func matchingUsesTheIndex() async throws {
        let (store, client) = try await makeStore()
        defer { Task { await client.close() } }
        // 100,000 subscriptions: 97,000 users on 970 targets (100 each) plus one doctor with 3,000.
        try await NotifierTestData.addTargets(1...971, on: client)
        try await NotifierTestData.addUsers(1...100_000, on: client)
        _ = try await client.query(
            """
            INSERT INTO subscriptions (chat_id, target_id, active)
            SELECT g, 'c' || (1 + (g - 1) / 100) || ':s' || (1 + (g - 1) / 100), g % 10 <> 0
            FROM generate_series(1::bigint, 97000::bigint) g
            """)
        try await NotifierTestData.subscribe(97_001...100_000, to: 971, on: client)
        _ = try await client.query("ANALYZE subscriptions")
        _ = try await client.query("ANALYZE users")

        let batchTargets = (1...20).map { NotifierTestData.targetId($0 * 40) } + [NotifierTestData.targetId(971)]
        var explain = PostgresNotifierStore.subscribersQuery(forTargets: batchTargets, explain: true)
        explain.sql = explain.sql.replacingOccurrences(of: "(FORMAT JSON)", with: "(ANALYZE, FORMAT JSON)")
        let row = try #require(try await client.query(explain).rows.first)
        let text: String = try row.decode(String.self)
        let plan = try QueryPlan(json: text)
        #expect(plan.indexNames.contains("subscriptions_active_by_target"), "plan:\n\(text)")
        #expect(!plan.sequentialScans.contains("subscriptions"), "plan:\n\(text)")
        // How fast it is lives in bench/notifier/run.sh (phase 4), not in a timed test.

        let subscribers = try await store.subscribers(forTargets: batchTargets)
        #expect(subscribers.count == 20 * 90 + 3_000)
    }

    @Test("the ledger: a (user, slot) is claimed once; pending rows are claimed again without paying")
    func ledgerIsIdempotent() async throws {
        let (store, client) = try await makeStore()
        defer { Task { await client.close() } }
        try await NotifierTestData.addTargets(1...1, on: client)
        try await NotifierTestData.addUsers(1...2, on: client)
        let bucket = PerUserLimit.perDay(10, burst: 3)
        let first = [notice(chat: 1, target: 1, minutes: [0, 10]), notice(chat: 2, target: 1, minutes: [0])]

        let claim = try await store.claim(first, limit: bucket, now: now)
        #expect(claim.toSend.count == 2)
        #expect(claim.suppressed.isEmpty)
        try await store.markSent([SentNotice(notice: claim.toSend[0], telegramMessageId: 11, sentAt: now)])
        // Chat 2's notice stays pending: the process "crashed" after claiming it.

        // The batch is replayed, with a new slot for chat 1.
        let replay = [notice(chat: 1, target: 1, minutes: [0, 10, 20]), notice(chat: 2, target: 1, minutes: [0])]
        let again = try await store.claim(replay, limit: bucket, now: now)
        let byChat = Dictionary(uniqueKeysWithValues: again.toSend.map { ($0.chatId, $0) })
        #expect(byChat[1]?.slots.count == 1, "only the new slot is sent to chat 1")
        #expect(byChat[2]?.slots.count == 1, "chat 2's pending notice is claimed again")
        try await store.markSent(again.toSend.map { SentNotice(notice: $0, telegramMessageId: 12, sentAt: now) })
        #expect(try await statuses(client) == ["sent": 4])

        let third = try await store.claim(replay, limit: bucket, now: now)
        #expect(third.toSend.isEmpty && third.suppressed.isEmpty, "settled rows are never claimed again")

        // Chat 1 paid for two notices (first claim and the new slot); chat 2 paid once.
        let tokens = try await client.query("SELECT chat_id, tokens FROM rate_limits ORDER BY chat_id").map {
            try $0.decode((Int64, Double).self)
        }
        #expect(tokens.map(\.0) == [1, 2])
        #expect(abs(tokens[0].1 - 1) < 0.01 && abs(tokens[1].1 - 2) < 0.01, "\(tokens)")
    }

    @Test("the token bucket decides per notice: two notices of one (user, doctor) in one batch take two tokens")
    func bucketDecidesPerNotice() async throws {
        let (store, client) = try await makeStore()
        defer { Task { await client.close() } }
        // Targets 1 and 2 are two centers of the same doctor 1; target 3 is doctor 3.
        try await NotifierTestData.addTargets(1...3, on: client)
        _ = try await client.query("UPDATE watch_targets SET doctor_slug = 'drill-doctor-1' WHERE id = 'c2:s2'")
        try await NotifierTestData.addUsers(1...1, on: client)
        let bucket = PerUserLimit.perDay(10, burst: 1)
        let batch = [
            notice(chat: 1, target: 1, doctor: 1, minutes: [30]),
            notice(chat: 1, target: 2, doctor: 1, minutes: [0]),
            notice(chat: 1, target: 3, minutes: [0]),
        ]
        let claim = try await store.claim(batch, limit: bucket, now: now)
        #expect(claim.toSend.map(\.targetId).sorted() == ["c2:s2", "c3:s3"], "the earliest slot of doctor 1 wins its only token")
        #expect(claim.suppressed.map(\.targetId) == ["c1:s1"])
        let suppressed = try await client.query("SELECT target_id, reason FROM notifications WHERE status = 'suppressed'")
            .map { try $0.decode((String, String).self) }
        #expect(suppressed.map(\.0) == ["c1:s1"] && suppressed.map(\.1) == ["rate_limited"])

        // A replica with its own connection shares the bucket: no token left for doctor 1 today.
        let otherReplica = PostgresNotifierStore(client: client)
        let later = try await otherReplica.claim(
            [notice(chat: 1, target: 2, doctor: 1, minutes: [90])], limit: bucket, now: now.addingTimeInterval(60))
        #expect(later.toSend.isEmpty && later.suppressed.count == 1)
        // A day's refill (10 per day = one every 2.4 h) grants one again.
        let refilled = try await otherReplica.claim(
            [notice(chat: 1, target: 2, doctor: 1, minutes: [120])], limit: bucket, now: now.addingTimeInterval(3 * 3600))
        #expect(refilled.toSend.count == 1)
        // …and the notice that took it carries the slot held back at minute 90 (same user and
        // target) as "still free"; target 1's held-back slot waits for a notice about target 1.
        #expect(
            refilled.toSend.first?.slots.map(\.isStillFree) == [false, true]
                || refilled.toSend.first?.slots.map(\.isStillFree) == [true, false])
        #expect(try await statuses(client) == ["pending": 4, "suppressed": 1])
    }

    @Test("duplicate slots in one batch (same start, different end) are claimed once")
    func duplicateSlotsInOneBatch() async throws {
        let (store, client) = try await makeStore()
        defer { Task { await client.close() } }
        try await NotifierTestData.addTargets(1...1, on: client)
        try await NotifierTestData.addUsers(1...1, on: client)
        var twice = notice(chat: 1, target: 1, minutes: [0])
        twice.slots.append(SlotPeriod(start: twice.slots[0].start, end: twice.slots[0].end + 300))
        let claim = try await store.claim([twice], limit: .perDay(10, burst: 3), now: now)
        #expect(claim.toSend.count == 1)
        #expect(try await statuses(client) == ["pending": 1])
    }

    @Test("403: the user is marked blocked, their subscriptions stop, the notice is failed with the reason")
    func deactivation() async throws {
        let (store, client) = try await makeStore()
        defer { Task { await client.close() } }
        try await NotifierTestData.addTargets(1...2, on: client)
        try await NotifierTestData.addUsers(1...1, on: client)
        try await NotifierTestData.subscribe(1...1, to: 1, on: client)
        try await NotifierTestData.subscribe(1...1, to: 2, on: client)
        let claim = try await store.claim([notice(chat: 1, target: 1, minutes: [0])], limit: .perDay(10, burst: 3), now: now)
        try await store.deactivateUser(chatId: 1, reason: "Forbidden: bot was blocked by the user")
        try await store.markFailed(claim.toSend[0], reason: "blocked: Forbidden: bot was blocked by the user")
        let user = try await client.query("SELECT status, status_reason FROM users WHERE chat_id = 1").map {
            try $0.decode((String, String).self)
        }
        #expect(user.first?.0 == "blocked")
        let active = try await client.query("SELECT count(*)::bigint FROM subscriptions WHERE active").map { try $0.decode(Int64.self) }
        #expect(active == [0])
        #expect(try await store.subscribers(forTargets: ["c1:s1", "c2:s2"]).isEmpty)
        let row = try await client.query("SELECT status, reason FROM notifications").map { try $0.decode((String, String).self) }
        #expect(row.first?.0 == "failed" && row.first?.1.hasPrefix("blocked:") == true)
    }
}

/// The parts of an `EXPLAIN (ANALYZE, FORMAT JSON)` answer the tests look at.
struct QueryPlan {
    var indexNames: Set<String> = []
    var sequentialScans: Set<String> = []

    init(json: String) throws {
        guard let top = (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])?.first else {
            throw ControlError("not an EXPLAIN (FORMAT JSON) answer: \(json.prefix(200))")
        }
        var nodes = [top["Plan"] as? [String: Any] ?? [:]]
        while let node = nodes.popLast() {
            if let index = node["Index Name"] as? String { indexNames.insert(index) }
            if node["Node Type"] as? String == "Seq Scan", let relation = node["Relation Name"] as? String {
                sequentialScans.insert(relation)
            }
            nodes += node["Plans"] as? [[String: Any]] ?? []
        }
    }
}
