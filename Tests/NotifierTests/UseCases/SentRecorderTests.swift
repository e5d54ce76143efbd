import Foundation
import Messaging
import NotifierAdapters
import NotifierDomain
import Testing

/// Group commit of sent notices: fewer statements, every caller answered for its own notice.
@Suite("SentRecorder")
struct SentRecorderTests {
    /// A store that only records `markSent` calls; each call waits until `release` when gated.
    actor GatedStore: DeliveryLedger {
        private(set) var calls: [[SentNotice]] = []
        private var gate: CheckedContinuation<Void, Never>?
        private var gated: Bool
        private var failure: (any Error)?

        init(gated: Bool = false, failure: (any Error)? = nil) {
            self.gated = gated
            self.failure = failure
        }

        func markSent(_ sent: [SentNotice]) async throws {
            calls.append(sent)
            if gated { await withCheckedContinuation { gate = $0 } }
            if let failure { throw failure }
        }

        /// Lets the statement under way finish; later ones run at once.
        func release() {
            gated = false
            gate?.resume()
            gate = nil
        }

        func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult { .init(toSend: [], suppressed: []) }
        func markFailed(_ notice: Notice, reason: String) async throws {}
        func markWithheld(_ notices: [Notice], as reason: WithheldReason) async throws {}
        func recordGone(_ slots: [GoneSlot]) async throws {}
        func goneEpisodes(among keys: [SlotEpisodeKey]) async throws -> Set<SlotEpisodeKey> { [] }
        func purgeGone(endedBefore cutoff: Date) async throws -> Int { 0 }
    }

    struct Failure: Error {}

    static func sent(_ chat: Int64) -> SentNotice {
        let start = NotifierTestData.slotStart(index: 0)
        let notice = Notice(
            chatId: chat, language: .persian, targetId: NotifierTestData.targetId(1), doctor: NotifierTestData.noticeDoctor(1),
            center: NotifierTestData.noticeCenter(1), bookingURL: "https://www.paziresh24.com/dr/drill-doctor-1/",
            slots: [SlotPeriod(start: start, end: start.addingTimeInterval(600))], observedAt: Date())
        return SentNotice(notice: notice, telegramMessageId: chat, sentAt: Date())
    }

    @Test("notices sent while a statement runs are recorded together by the next one")
    func groups() async throws {
        let store = GatedStore(gated: true)
        let recorder = SentRecorder(ledger: store)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await recorder.record(Self.sent(1)) }
            while await store.calls.isEmpty { await Task.yield() }  // the first statement is under way
            for chat in Int64(2)...50 { group.addTask { try await recorder.record(Self.sent(chat)) } }
            while await recorder.queuedCount < 49 { await Task.yield() }
            await store.release()
            try await group.waitForAll()
        }
        let calls = await store.calls
        #expect(calls.map(\.count) == [1, 49], "one statement for the first, one for the 49 that waited")
        #expect(calls.flatMap { $0.map(\.notice.chatId) }.sorted() == Array(1...50))
        #expect(await recorder.statements == 2)
    }

    @Test("a failed statement fails every caller in its group; a retry is recorded by a later one")
    func failure() async throws {
        let store = GatedStore(failure: Failure())
        let recorder = SentRecorder(ledger: store)
        await #expect(throws: Failure.self) { try await recorder.record(Self.sent(1)) }
        let healthy = GatedStore()
        let retry = SentRecorder(ledger: healthy)
        try await retry.record(Self.sent(1))
        #expect(await healthy.calls.map(\.count) == [1])
    }

    @Test("a cancelled caller stops waiting at once, even while its statement hangs")
    func cancellation() async throws {
        let store = GatedStore(gated: true)
        let recorder = SentRecorder(ledger: store)
        let waiting = Task { try await recorder.record(Self.sent(1)) }
        while await store.calls.isEmpty { await Task.yield() }
        waiting.cancel()
        await #expect(throws: CancellationError.self) { try await waiting.value }
        // The statement still finishes, and the recorder goes on serving.
        await store.release()
        try await recorder.record(Self.sent(2))
        #expect(await store.calls.flatMap { $0.map(\.notice.chatId) } == [1, 2])
    }
}
