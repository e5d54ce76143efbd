import ServiceRuntime
import Testing

@Suite struct SleeperTests {
    @Test func immediateDoesNotWaitButHonoursCancellation() async throws {
        let start = ContinuousClock.now
        try await Sleeper.immediate.sleep(for: .seconds(3600))
        #expect(ContinuousClock.now - start < .seconds(30))  // not the hour asked for (generous: busy CI machines)
        let cancelled = Task {
            withUnsafeCurrentTask { $0?.cancel() }
            try await Sleeper.immediate.sleep(for: .seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await cancelled.value }
    }

    @Test func clockSleeperWaitsOnTheClock() async throws {
        let start = ContinuousClock.now
        try await Sleeper(clock: ContinuousClock()).sleep(for: .milliseconds(50))
        #expect(ContinuousClock.now - start >= .milliseconds(50))
    }

    @Test func customSleeperSeesTheRequestedDurations() async throws {
        let log = EventLog()
        let sleeper = Sleeper { log.record("\($0)") }
        try await sleeper.sleep(for: .seconds(2))
        #expect(log.all == ["\(Duration.seconds(2))"])
    }
}
