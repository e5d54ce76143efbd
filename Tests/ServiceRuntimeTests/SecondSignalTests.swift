import Foundation
import ServiceRuntime
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A second SIGTERM/SIGINT ends the process at once (status 1, after its log line), even when
/// every cooperative thread is blocked and the grace period has minutes left. Runs
/// `servicegroup-probe` as a child process.
@Suite("ServiceGroup second signal", .serialized)
struct SecondSignalTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func aSecondSignalExitsAtOnceWithStatusOne(second: Int32) async throws {
        let bin = try TestEnvironment.requireBinDir()
        let probe = try ChildProcess(name: "servicegroup-probe", executable: bin + "/servicegroup-probe")
        _ = try await probe.waitForLine(startingWith: "READY", timeout: .seconds(30))
        // The first signal may arrive before the dispatch source listens: repeat until seen.
        try? await eventually(within: .seconds(20), every: .milliseconds(100), "the probe to block the pool") {
            if probe.output.contains("probe: blocking the cooperative pool") { return true }
            if !probe.output.contains("signal received") { kill(probe.pid, SIGTERM) }
            return false
        }
        try #require(probe.output.contains("probe: blocking the cooperative pool"), "\(probe.output)")
        let sent = ContinuousClock.now
        kill(probe.pid, second)
        _ = await probe.waitForExit(within: .seconds(10))
        let elapsed = ContinuousClock.now - sent
        let stillRunning = probe.isRunning
        let status = await probe.terminate(grace: .zero)
        #expect(!stillRunning, "the second signal did not end the process within 10 s:\n\(probe.output)")
        #expect(status == 1)
        #expect(elapsed < .seconds(5))
        let lastLine = probe.output.split(separator: "\n").last.map(String.init) ?? ""
        #expect(lastLine.contains("second signal received: exiting at once"), "\(probe.output)")
    }
}
