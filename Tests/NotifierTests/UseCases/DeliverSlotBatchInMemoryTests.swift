import Foundation
import NotifierDomain
import NotifierTestSupport
import ServiceRuntime
import Testing

/// `DeliverSlotBatch` on the in-memory ports: fast, no database, no network.
@Suite("DeliverSlotBatch (in memory)", .timeLimit(.minutes(1)))
struct DeliverSlotBatchInMemoryTests {
    let clock = ManualClock()
    var now: Date { clock.now }

    /// A Telegram that answers per chat as told (accepts by default) and remembers what it got.
    actor ScriptedSender: NoticeSending {
        private(set) var sent: [Notice] = []
        let answers: [Int64: DeliveryOutcome]
        init(answers: [Int64: DeliveryOutcome] = [:]) { self.answers = answers }
        func send(_ notice: Notice, revise: @escaping @Sendable (Notice) async throws -> Notice?) async throws -> DeliveryOutcome {
            guard let notice = try await revise(notice) else { return .withdrawn }
            sent.append(notice)
            return answers[notice.chatId] ?? .sent(messageId: Int64(sent.count))
        }
    }

    struct NoEvents: NotificationEventPublishing {
        func publishSent(_ notice: Notice, telegramMessageId: Int64?, sentAt: Date) async throws {}
    }

    struct Outage: Error {}
    struct Refusal: Error {}

    /// A ledger whose `markSent` fails the first `failures` times.
    actor FlakyLedger: DeliveryLedger {
        let base: InMemoryDeliveryLedger
        let error: any Error
        var failures: Int
        private(set) var attempts = 0
        init(base: InMemoryDeliveryLedger, failures: Int, error: any Error) {
            self.base = base
            self.failures = failures
            self.error = error
        }
        func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult {
            try await base.claim(notices, limit: limit, now: now)
        }
        func markSent(_ sent: [SentNotice]) async throws {
            attempts += 1
            if failures > 0 {
                failures -= 1
                throw error
            }
            try await base.markSent(sent)
        }
        func markFailed(_ notice: Notice, reason: String) async throws { try await base.markFailed(notice, reason: reason) }
        func markWithheld(_ notices: [Notice], as reason: WithheldReason) async throws { try await base.markWithheld(notices, as: reason) }
        func recordGone(_ slots: [GoneSlot]) async throws { try await base.recordGone(slots) }
        func goneEpisodes(among keys: [SlotEpisodeKey]) async throws -> Set<SlotEpisodeKey> { try await base.goneEpisodes(among: keys) }
        func purgeGone(endedBefore cutoff: Date) async throws -> Int { try await base.purgeGone(endedBefore: cutoff) }
    }

    static let failureKind: @Sendable (any Error) -> FailureKind = { $0 is Refusal ? .permanent : .transient }

    func stores(users: ClosedRange<Int64>) async -> (InMemorySubscriberDirectory, InMemoryDeliveryLedger) {
        let directory = InMemorySubscriberDirectory(clock: clock.reading)
        for chat in users {
            await directory.addUser(chatId: chat)
            await directory.subscribe(chatId: chat, targetId: NotifierTestData.targetId(1))
        }
        return (directory, InMemoryDeliveryLedger(clock: clock.reading))
    }

    func slots(_ indices: [Int]) -> [FoundSlot] {
        indices.map { NotifierTestData.foundSlot(target: 1, start: NotifierTestData.slotStart(index: $0, now: now), observedAt: now) }
    }

    func deliver(
        _ directory: any SubscriberDirectory, _ ledger: any DeliveryLedger, _ sender: ScriptedSender,
        limit: PerUserLimit = .perDay(10, burst: 3), poisonTimeout: Duration = .seconds(180)
    ) -> DeliverSlotBatch {
        DeliverSlotBatch(
            subscribers: directory, ledger: ledger, sender: sender, events: NoEvents(), limit: limit, clock: clock.reading,
            failureKind: Self.failureKind,
            recordBackoff: Backoff(initial: .milliseconds(1), max: .milliseconds(5)), recordPoisonTimeout: poisonTimeout)
    }

    @Test("slots of one doctor in one batch become one message per user, earliest first; a replay sends nothing")
    func coalescesAndReplays() async throws {
        let (directory, ledger) = await stores(users: 1...3)
        let sender = ScriptedSender()
        let useCase = deliver(directory, ledger, sender)
        let batch = slots([2, 0, 1, 0])
        let report = try await useCase.run(batch, now: now)
        #expect(report.matched == 3 && report.sent == 3 && report.coalescedSlots == 6)
        let sent = await sender.sent
        #expect(sent.map(\.chatId).sorted() == [1, 2, 3])
        #expect(sent.allSatisfy { $0.slots.map(\.start) == [0, 1, 2].map { NotifierTestData.slotStart(index: $0, now: now) } })
        #expect(await ledger.statusCounts == [.sent: 9])

        let replay = try await useCase.run(batch, now: now)
        #expect(replay.matched == 3 && replay.sent == 0)
        #expect(await sender.sent.count == 3)
    }

    @Test("the per-user limit suppresses a user's notices beyond the burst")
    func rateLimited() async throws {
        let (directory, ledger) = await stores(users: 1...1)
        let sender = ScriptedSender()
        let useCase = deliver(directory, ledger, sender, limit: .perDay(10, burst: 1))
        #expect(try await useCase.run(slots([0]), now: now).sent == 1)
        clock.advance(by: 60)
        let second = try await useCase.run(slots([1]), now: now)
        #expect(second.sent == 0 && second.suppressed == 1)
        #expect(await ledger.statusCounts == [.sent: 1, .suppressed: 1])
    }

    @Test("403 blocks the user and stops their subscriptions; 400 fails the notice with Telegram's reason")
    func blockedAndRejected() async throws {
        let (directory, ledger) = await stores(users: 1...3)
        let sender = ScriptedSender(answers: [
            2: .blocked(reason: "Forbidden: bot was blocked by the user"), 3: .rejected(reason: "400: chat not found"),
        ])
        let report = try await deliver(directory, ledger, sender).run(slots([0]), now: now)
        #expect(report.sent == 1 && report.blocked == 1 && report.rejected == 1)
        #expect(await directory.user(2)?.status == "blocked")
        #expect(try await directory.subscribers(forTargets: [NotifierTestData.targetId(1)]).map(\.chatId) == [1, 3])
        let start = NotifierTestData.slotStart(index: 0, now: now)
        #expect(
            await ledger.row(LedgerKey(chatId: 2, targetId: "c1:s1", start: start))?.reason
                == "blocked: Forbidden: bot was blocked by the user")
        #expect(await ledger.row(LedgerKey(chatId: 3, targetId: "c1:s1", start: start))?.reason == "400: chat not found")
    }

    @Test("an outage while recording a sent notice is retried until recorded, never sent twice")
    func recordingRetriedThroughOutage() async throws {
        let (directory, memory) = await stores(users: 1...1)
        let ledger = FlakyLedger(base: memory, failures: 4, error: Outage())
        let sender = ScriptedSender()
        let report = try await deliver(directory, ledger, sender).run(slots([0]), now: now)
        #expect(report.sent == 1)
        #expect(await sender.sent.count == 1)
        #expect(await ledger.attempts == 5)
        #expect(await memory.statusCounts == [.sent: 1])
    }

    @Test("a recording the store refuses for good is given up after the poison timeout and thrown")
    func permanentRefusalThrown() async throws {
        let (directory, memory) = await stores(users: 1...1)
        let ledger = FlakyLedger(base: memory, failures: .max, error: Refusal())
        let sender = ScriptedSender()
        await #expect(throws: Refusal.self) {
            try await deliver(directory, ledger, sender, poisonTimeout: .milliseconds(20)).run(slots([0]), now: now)
        }
        #expect(await sender.sent.count == 1)
        #expect(await memory.statusCounts == [.pending: 1], "left pending: a replay sends it again rather than losing it")
    }
}
