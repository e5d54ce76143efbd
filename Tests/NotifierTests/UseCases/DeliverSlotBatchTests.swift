import Foundation
import Messaging
import NotifierAdapters
import NotifierDomain
import Postgres
import TestSupport
import Testing

/// The use case with the real PostgreSQL store and a fake Telegram: coalescing, and what a crash
/// or a database outage between sending and recording does to delivery.
@Suite("DeliverSlotBatch", .enabled(if: TestEnvironment.hasDatabase), .timeLimit(.minutes(1)))
struct DeliverSlotBatchTests {
    /// A Telegram that accepts everything and remembers what it got.
    actor RecordingSender: NoticeSending {
        private(set) var sent: [Notice] = []
        func send(_ notice: Notice, revise: @escaping @Sendable (Notice) async throws -> Notice?) async throws -> DeliveryOutcome {
            guard let notice = try await revise(notice) else { return .withdrawn }
            sent.append(notice)
            return .sent(messageId: Int64(sent.count))
        }
    }

    struct NoEvents: NotificationEventPublishing {
        func publishSent(_ notice: Notice, telegramMessageId: Int64?, sentAt: Date) async throws {}
    }

    /// A broker that is down: publishing always fails.
    struct FailingEvents: NotificationEventPublishing {
        func publishSent(_ notice: Notice, telegramMessageId: Int64?, sentAt: Date) async throws {
            throw PostgresError(code: .connectionFailed, message: "stand-in for a broker outage")
        }
    }

    /// The PostgreSQL store with a fault on `markSent`.
    struct FaultyStore: NotifierStore {
        enum Fault: Sendable {
            /// `markSent` of a group holding this chat hangs: the process dies between sending and recording.
            case hangOnMarkSent(chat: Int64)
            /// The first `count` calls of `markSent` fail like a database that went away.
            case failMarkSent(count: Int)
        }
        actor Counter { var value = 0; func next() -> Int { value += 1; return value } }
        actor Flag { var isSet = false; func set() { isSet = true } }
        let base: PostgresNotifierStore
        let fault: Fault
        let calls = Counter()
        /// Set once a `markSent` started hanging.
        let hanging = Flag()

        func subscribers(forTargets targetIds: [String]) async throws -> [Subscriber] { try await base.subscribers(forTargets: targetIds) }
        func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult {
            try await base.claim(notices, limit: limit, now: now)
        }
        func markSent(_ sent: [SentNotice]) async throws {
            switch fault {
            case .hangOnMarkSent(let chat) where sent.contains(where: { $0.notice.chatId == chat }):
                await hanging.set()
                await suspendUntilCancelled()
                throw CancellationError()
            case .failMarkSent(let count) where await calls.next() <= count:
                throw PostgresError(code: .connectionLost, message: "server closed the connection unexpectedly")
            default:
                break
            }
            try await base.markSent(sent)
        }
        func markFailed(_ notice: Notice, reason: String) async throws { try await base.markFailed(notice, reason: reason) }
        func markWithheld(_ notices: [Notice], as reason: WithheldReason) async throws { try await base.markWithheld(notices, as: reason) }
        func recordGone(_ slots: [GoneSlot]) async throws { try await base.recordGone(slots) }
        func goneEpisodes(among keys: [SlotEpisodeKey]) async throws -> Set<SlotEpisodeKey> { try await base.goneEpisodes(among: keys) }
        func purgeGone(endedBefore cutoff: Date) async throws -> Int { try await base.purgeGone(endedBefore: cutoff) }
        func deactivateUser(chatId: Int64, reason: String) async throws { try await base.deactivateUser(chatId: chatId, reason: reason) }
    }

    func setUp(users: ClosedRange<Int64>) async throws -> PostgresClient {
        let database = try await TestDatabase.create(prefix: "ntfuse")
        let client = try database.client(poolSize: 4)
        try await NotifierTestData.migrate(client)
        try await NotifierTestData.addTargets(1...1, on: client)
        try await NotifierTestData.addUsers(users, on: client)
        try await NotifierTestData.subscribe(users, to: 1, on: client)
        return client
    }

    func statuses(_ client: PostgresClient) async throws -> [String: Int] {
        var counts: [String: Int] = [:]
        for row in try await client.query("SELECT status, count(*)::bigint FROM notifications GROUP BY status") {
            let (status, count) = try row.decode((String, Int64).self)
            counts[status] = Int(count)
        }
        return counts
    }

    @Test("slots of one doctor in one batch become one message per user, earliest first")
    func coalesces() async throws {
        let client = try await setUp(users: 1...3)
        defer { Task { await client.close() } }
        let sender = RecordingSender()
        let deliver = DeliverSlotBatch(
            store: PostgresNotifierStore(client: client), sender: sender, events: NoEvents(), limit: .perDay(10, burst: 3),
            failureKind: PostgresNotifierStore.failureKind)
        let poll = UUID()
        let slots = (0..<12).reversed().map { NotifierTestData.slot(target: 1, start: NotifierTestData.slotStart(index: $0), poll: poll) }
        let report = try await deliver.run(slots.map(FoundSlot.init))
        #expect(report.matched == 3 && report.sent == 3 && report.coalescedSlots == 3 * 11)
        let sent = await sender.sent
        #expect(sent.map(\.slots.count) == [12, 12, 12])
        #expect(sent[0].slots.map(\.start) == (0..<12).map { NotifierTestData.slotStart(index: $0) })
        let text = NoticeComposer().text(for: sent[0])
        #expect(text.components(separatedBy: "\n• ").count - 1 == 10)
        #expect(text.contains("… and 2 more"))
        #expect(try await statuses(client) == ["sent": 36])
    }

    @Test("a crash between sending and recording repeats only the notices in flight, and loses none")
    func crashBetweenSendAndRecord() async throws {
        let client = try await setUp(users: 1...20)
        defer { Task { await client.close() } }
        let store = PostgresNotifierStore(client: client)
        let telegram = RecordingSender()
        let slots = [NotifierTestData.slot(target: 1, start: NotifierTestData.slotStart(index: 0))]
        let inFlight = 4
        let faulty = FaultyStore(base: store, fault: .hangOnMarkSent(chat: 7))
        let crashing = DeliverSlotBatch(
            store: faulty, sender: telegram, events: NoEvents(), limit: .perDay(10, burst: 3),
            failureKind: PostgresNotifierStore.failureKind, maxConcurrentSends: inFlight)
        let run = Task { try await crashing.run(slots.map(FoundSlot.init)) }
        // Recording the group with chat 7 hangs, and with it every later group (one statement at a
        // time); the sends waiting for theirs hold every slot, so the sending stops. Wait for the
        // hang, then until nothing new was sent for half a second, then "kill" the process.
        try? await eventually(within: .seconds(30), every: .milliseconds(20), "recording chat 7's notice to hang") {
            await faulty.hanging.isSet
        }
        #expect(await faulty.hanging.isSet, "recording chat 7's notice never started")
        var seen = -1
        try? await eventually(within: .seconds(30), every: .milliseconds(500), "the sending to stop") {
            let count = await telegram.sent.count
            defer { seen = count }
            return count == seen
        }
        run.cancel()
        let ended = await run.result
        #expect(throws: CancellationError.self) { try ended.get() }
        let sentBefore = await telegram.sent.count
        let before = try await statuses(client)
        let recorded = before["sent", default: 0]
        let unrecorded = sentBefore - recorded
        #expect(sentBefore >= 7 && sentBefore < 20, "the hang stopped the sending: \(sentBefore) sent")
        #expect((1...inFlight).contains(unrecorded), "sent but not recorded: \(unrecorded), at most the \(inFlight) in flight")
        #expect(before == ["sent": recorded, "pending": 20 - recorded])

        // The restarted process replays the batch (its offsets were never stored).
        let restarted = DeliverSlotBatch(
            store: store, sender: telegram, events: NoEvents(), limit: .perDay(10, burst: 3), failureKind: PostgresNotifierStore.failureKind
        )
        let report = try await restarted.run(slots.map(FoundSlot.init))
        #expect(report.sent == 20 - recorded)
        let sent = await telegram.sent.map(\.chatId)
        #expect(Set(sent) == Set(1...20), "every user got the notice")
        #expect(sent.count == 20 + unrecorded, "only the notices in flight were repeated")
        #expect(try await statuses(client) == ["sent": 20])
    }

    @Test("the database failing while a send is recorded: retried until recorded, never sent twice")
    func recordingSurvivesAnOutage() async throws {
        let client = try await setUp(users: 1...5)
        defer { Task { await client.close() } }
        let telegram = RecordingSender()
        let deliver = DeliverSlotBatch(
            store: FaultyStore(base: PostgresNotifierStore(client: client), fault: .failMarkSent(count: 6)), sender: telegram,
            events: FailingEvents(), limit: .perDay(10, burst: 3), failureKind: PostgresNotifierStore.failureKind,
            recordBackoff: .init(initial: .milliseconds(10), max: .milliseconds(50)))
        let report = try await deliver.run([FoundSlot(NotifierTestData.slot(target: 1, start: NotifierTestData.slotStart(index: 0)))])
        #expect(report.sent == 5)
        #expect(await telegram.sent.count == 5)
        #expect(try await statuses(client) == ["sent": 5])
    }
}
