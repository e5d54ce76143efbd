import ServiceRuntime
import Synchronization
import Testing

@Suite struct ShutdownCleanupTests {
    @Test func runsEveryStepInOrderAndReportsSuccess() async {
        let order = Mutex<[String]>([])
        let buffer = LogBuffer()
        let finished = await ShutdownCleanup.run(
            within: .seconds(30), logger: Logger(service: "test", instance: "t", sink: .buffer(buffer)),
            [("a", { order.withLock { $0.append("a") } }), ("b", { order.withLock { $0.append("b") } })])
        #expect(finished)
        #expect(order.withLock { $0 } == ["a", "b"])
        #expect(buffer.lines.isEmpty)
    }

    /// A close that never returns (a pool waiting for a connection a stuck handler holds) must not
    /// keep the process alive: `run` gives up after the limit and names the step.
    @Test func returnsWhenAStepNeverFinishes() async {
        let buffer = LogBuffer()
        let finished = await ShutdownCleanup.run(
            within: .milliseconds(50), logger: Logger(service: "test", instance: "t", sink: .buffer(buffer)),
            [("stuck pool", { await withCheckedContinuation { (_: CheckedContinuation<Void, Never>) in } })])
        #expect(!finished)
        #expect(buffer.lines.contains { $0.contains("stuck pool") && $0.contains("did not finish") })
    }
}
