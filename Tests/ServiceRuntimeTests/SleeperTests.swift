import ServiceRuntime
import TestSupport
import Testing

@Suite struct SleeperTests {
    // The time limit only guards against the hour: `immediate` reads no clock at all.
    @Test(.timeLimit(.minutes(1)))
    func immediateDoesNotWaitButHonoursCancellation() async throws {
        try await Sleeper.immediate.sleep(for: .seconds(3600))
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await Sleeper.immediate.sleep(for: .seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await cancelled.value }
    }

    @Test func clockSleeperWaitsOnTheClock() async throws {
        let clock = VirtualClock()
        try await Sleeper(clock: clock).sleep(for: .milliseconds(50))
        #expect(clock.now.offset == .milliseconds(50))
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await Sleeper(clock: clock).sleep(for: .seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await cancelled.value }
    }

    @Test func customSleeperSeesTheRequestedDurations() async throws {
        let log = EventLog()
        let sleeper = Sleeper { log.record("\($0)") }
        try await sleeper.sleep(for: .seconds(2))
        #expect(log.all == ["\(Duration.seconds(2))"])
    }
}
