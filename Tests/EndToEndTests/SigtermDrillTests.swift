import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue #11: SIGTERM while the upstream dies at the same moment. For each service, repeated
/// runs: start it against the stand-ins, wait until it works (a random extra moment), then SIGKILL
/// its upstream (the Telegram stand-in for the bot and the notifier, the paziresh24 stand-in for
/// the scraper) and SIGTERM the service back to back. Every run must end on its own within the
/// services' grace period (25 s).
///
/// Runs per service: `SLOTHUNTER_SIGTERM_DRILL_RUNS` (default 3, to keep CI short);
/// `bench/drills/sigterm.sh` runs 50. Prints one summary line per service:
/// `sigterm-drill: service=bot runs=3 max_exit_s=0.4 failures=0`.
@Suite("SIGTERM drill", .serialized, .enabled(if: TestEnvironment.binDir != nil || TestEnvironment.isCI))
struct SigtermDrillTests {
    /// The grace period every service's `ServiceGroup` gets (BotApp, ScraperApp, NotifierApp).
    static let gracePeriod: Duration = .seconds(25)

    static var runs: Int {
        ProcessInfo.processInfo.environment["SLOTHUNTER_SIGTERM_DRILL_RUNS"].flatMap { Int($0) }.map { max(1, $0) } ?? 3
    }

    /// What each service needs to be doing before the drill strikes, and which stand-in it loses.
    enum Upstream { case telegram, paziresh24 }

    @Test(arguments: [
        ("bot", Upstream.telegram, "\"long polling started\""),
        ("notifier", Upstream.telegram, "\"partitions assigned\""),
        ("scraper", Upstream.paziresh24, "\"partitions assigned\""),
    ])
    func sigtermWhileTheUpstreamDies(service: String, upstream: Upstream, workingMarker: String) async throws {
        let system = try await SystemUnderTest.start()
        var failures: [String] = []
        var exitTimes: [Double] = []
        var statuses: [Int32: Int] = [:]
        var random = SystemRandomNumberGenerator()
        do {
            for run in 1...Self.runs {
                try await system.restartStandInsIfNeeded()
                let process = try system.startService(service, name: "\(service)-drill-\(run)")
                try await process.waitForOutput(containing: workingMarker, timeout: .seconds(60))
                try await Task.sleep(for: .milliseconds(Int.random(in: 0...1_500, using: &random)))

                // The same moment: the upstream dies, the service is told to stop.
                let upstreamPID = upstream == .telegram ? system.telegram.process.pid : system.paziresh24.pid
                kill(upstreamPID, SIGKILL)
                kill(process.pid, SIGTERM)
                let sent = ContinuousClock.now
                let limit = Self.gracePeriod + .seconds(5)
                while process.isRunning, ContinuousClock.now - sent < limit {
                    try await Task.sleep(for: .milliseconds(20))
                }
                let elapsed = ContinuousClock.now - sent
                if process.isRunning {
                    failures.append("run \(run): still running \(limit) after SIGTERM:\n\(process.output.suffix(3000))")
                    await process.kill9()
                    continue
                }
                let status = await process.terminate(grace: .zero)
                statuses[status, default: 0] += 1
                exitTimes.append(elapsed.timeInterval)
                if elapsed > Self.gracePeriod {
                    failures.append("run \(run): exited after \(elapsed), beyond the grace period")
                } else if status != 0 {
                    failures.append("run \(run): exit status \(status):\n\(process.output.suffix(2000))")
                }
                // Wait for the killed stand-in to be gone before the next run replaces it.
                let gone = ContinuousClock.now + .seconds(10)
                while ContinuousClock.now < gone,
                    upstream == .telegram ? system.telegram.process.isRunning : system.paziresh24.isRunning
                {
                    try await Task.sleep(for: .milliseconds(20))
                }
            }
        } catch {
            await system.stop()
            throw error
        }
        await system.stop()
        let maxExit = exitTimes.max() ?? 0
        print(
            "sigterm-drill: service=\(service) runs=\(Self.runs) max_exit_s=\(String(format: "%.2f", maxExit)) failures=\(failures.count)")
        print("sigterm-drill: service=\(service) exit_statuses=\(statuses)")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }
}

extension Duration {
    /// Seconds as a `Double`.
    fileprivate var timeInterval: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
