import Foundation
import NotifierDomain
import NotifierTestSupport
import ServiceRuntime
import Testing

/// What a failing send does to the other sends of its batch, on the in-memory ports.
///
/// The window this pins down (drill (b), one duplicate notice in three runs): during a database
/// outage one send task fails at once (the shared chat pacing's upsert cannot reach PostgreSQL)
/// while another has Telegram's `ok` in hand and is waiting out the outage to record it. If the
/// failure cancels that sibling, its row stays `pending` and the batch's replay after the outage
/// sends the notice a second time.
@Suite("DeliverSlotBatch: a failing send and its siblings (in memory)", .timeLimit(.minutes(1)))
struct DeliverSlotBatchSendFailureTests {
    let clock = ManualClock()
    var now: Date { clock.now }

    struct Outage: Error {}
    struct PacingUnreachable: Error {}

    /// A ledger whose `markSent` fails while `outage` is on; tells waiters of the first failure.
    actor OutageLedger: DeliveryLedger {
        let base: InMemoryDeliveryLedger
        private(set) var outage = true
        private(set) var failedMarks = 0
        private var waiters: [CheckedContinuation<Void, Never>] = []
        init(base: InMemoryDeliveryLedger) { self.base = base }

        func end() { outage = false }

        /// Returns once a `markSent` has failed.
        func firstFailedMark() async {
            if failedMarks > 0 { return }
            await withCheckedContinuation { waiters.append($0) }
        }

        func markSent(_ sent: [SentNotice]) async throws {
            if outage {
                failedMarks += 1
                for waiter in waiters { waiter.resume() }
                waiters.removeAll()
                throw Outage()
            }
            try await base.markSent(sent)
        }
        func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult {
            try await base.claim(notices, limit: limit, now: now)
        }
        func markFailed(_ notice: Notice, reason: String) async throws { try await base.markFailed(notice, reason: reason) }
        func markWithheld(_ notices: [Notice], as reason: WithheldReason) async throws { try await base.markWithheld(notices, as: reason) }
        func recordGone(_ slots: [GoneSlot]) async throws { try await base.recordGone(slots) }
        func goneEpisodes(among keys: [SlotEpisodeKey]) async throws -> Set<SlotEpisodeKey> { try await base.goneEpisodes(among: keys) }
        func purgeGone(endedBefore cutoff: Date) async throws -> Int { try await base.purgeGone(endedBefore: cutoff) }
    }

    /// Telegram as seen through the real sender: chat 1 is accepted at once; chat 2's first send
    /// fails before its request (like `PostgresChatPacing.reserve` in an outage), but only once
    /// chat 1's answer is in hand and its recording has failed — and it ends the outage as it fails.
    actor Telegram: NoticeSending {
        let ledger: OutageLedger
        private(set) var delivered: [Int64] = []
        private var failedOnce = false
        init(ledger: OutageLedger) { self.ledger = ledger }

        func send(_ notice: Notice, revise: @escaping @Sendable (Notice) async throws -> Notice?) async throws -> DeliveryOutcome {
            if notice.chatId == 2 && !failedOnce {
                failedOnce = true
                await ledger.firstFailedMark()
                await ledger.end()
                throw PacingUnreachable()
            }
            guard let notice = try await revise(notice) else { return .withdrawn }
            delivered.append(notice.chatId)
            return .sent(messageId: Int64(delivered.count))
        }
    }

    struct NoEvents: NotificationEventPublishing {
        func publishSent(_ notice: Notice, telegramMessageId: Int64?, sentAt: Date) async throws {}
    }

    @Test("a send failing during an outage does not cancel a sibling that is recording its sent notice: the replay sends nothing twice")
    func failingSendLetsSiblingsRecord() async throws {
        let directory = InMemorySubscriberDirectory(clock: clock.reading)
        for chat: Int64 in [1, 2] {
            await directory.addUser(chatId: chat)
            await directory.subscribe(chatId: chat, targetId: NotifierTestData.targetId(1))
        }
        let memory = InMemoryDeliveryLedger(clock: clock.reading)
        let ledger = OutageLedger(base: memory)
        let telegram = Telegram(ledger: ledger)
        // No jitter: chat 1's retry of its recording comes 300 ms after its failure, long after
        // chat 2's failure has reached the batch (a cancellation, on the old code, always wins).
        let deliver = DeliverSlotBatch(
            subscribers: directory, ledger: ledger, sender: telegram, events: NoEvents(), limit: .perDay(10, burst: 3),
            clock: clock.reading, failureKind: { _ in .transient }, maxConcurrentSends: 2,
            recordBackoff: Backoff(initial: .milliseconds(300), max: .milliseconds(300), jitter: .none))
        let batch = [NotifierTestData.foundSlot(target: 1, start: NotifierTestData.slotStart(index: 0, now: now), observedAt: now)]

        // The batch fails (chat 2's pacing), but only after chat 1's notice is recorded sent.
        await #expect(throws: PacingUnreachable.self) { try await deliver.run(batch, now: now) }
        #expect(await ledger.failedMarks >= 1, "chat 1's recording met the outage")
        #expect(await telegram.delivered == [1])
        let start = NotifierTestData.slotStart(index: 0, now: now)
        #expect(await memory.row(LedgerKey(chatId: 1, targetId: NotifierTestData.targetId(1), start: start))?.status == .sent)
        #expect(await memory.row(LedgerKey(chatId: 2, targetId: NotifierTestData.targetId(1), start: start))?.status == .pending)

        // The consumer retries the batch after the outage: chat 2 gets its notice, chat 1 nothing more.
        let replay = try await deliver.run(batch, now: now)
        #expect(replay.sent == 1)
        let delivered = await telegram.delivered
        #expect(delivered.sorted() == [1, 2], "each chat exactly once: \(delivered)")
        #expect(await memory.statusCounts == [.sent: 2])
    }
}
