import Foundation
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Issue #11: SIGTERM while the upstream dies at the same moment. For each service, repeated
/// runs: start it against the stand-ins and a private broker, make it busy with its upstreams and
/// wait for proof that calls are in flight (`SigtermDrillWorkload`), wait a random extra moment,
/// then kill what the run's `SigtermDrillStrike` names (the HTTP upstream, the broker, or both)
/// and SIGTERM the service, back to back in a random order. Every run must end on its own, with
/// status 0 and without abandoning a service, within the grace period it was given.
///
/// Runs per service: `SLOTHUNTER_SIGTERM_DRILL_RUNS` (default 3, to keep CI short);
/// `bench/drills/sigterm.sh` runs 50. Prints a line per run and, per service:
/// `sigterm-drill: service=bot runs=3 max_exit_s=0.4 failures=0`.
@Suite("SIGTERM drill", .serialized, .enabled(if: TestEnvironment.binDir != nil || TestEnvironment.isCI))
struct SigtermDrillTests {
    /// The grace period the services get (`SHUTDOWN_GRACE_PERIOD`), set explicitly so that the bound
    /// checked here is the one the service was given: `SLOTHUNTER_SIGTERM_DRILL_GRACE_SECONDS`,
    /// default 12 (the production default is 25; `bench/drills/sigterm.sh` may set that).
    ///
    /// Each service derives its shutdown budgets from it, and a run's exit time is those budgets
    /// running out with calls still hanging (the bot waited 15 s per run at 25). 12 s is the
    /// shortest grace that keeps every run the same scenario: the scraper's drain (a third of it,
    /// 4 s) still outlasts the slow answers (3 s, `slowAnswerMilliseconds`), so they arrive and
    /// meet a dead broker as before, while its hanging polls (60 s) outlast the drain; the bot's
    /// drain (60 % of it, 7.2 s) and the notifier's shutdown meet sends that hang for 120 s.
    static let gracePeriodSeconds =
        ProcessInfo.processInfo.environment["SLOTHUNTER_SIGTERM_DRILL_GRACE_SECONDS"].flatMap { Int($0) }.map { max(1, $0) } ?? 12
    static var gracePeriod: Duration { .seconds(gracePeriodSeconds) }

    static var runs: Int {
        ProcessInfo.processInfo.environment["SLOTHUNTER_SIGTERM_DRILL_RUNS"].flatMap { Int($0) }.map { max(1, $0) } ?? 3
    }

    /// One run's outcome.
    struct Outcome {
        let strike: SigtermDrillStrike
        let exit: Duration?
        let status: Int32?
    }

    @Test(arguments: SigtermDrillService.allCases)
    func sigtermWhileTheUpstreamDies(service: SigtermDrillService) async throws {
        let system = try await SystemUnderTest.start()
        var failures: [String] = []
        var outcomes: [Outcome] = []
        do {
            for run in 1...Self.runs {
                let (outcome, failure) = try await drillOnce(service, run: run, system: system)
                outcomes.append(outcome)
                if let failure { failures.append("run \(run) (\(outcome.strike)): \(failure)") }
            }
        } catch {
            await system.stop()
            throw error
        }
        await system.stop()
        let exits = outcomes.compactMap(\.exit).map(\.seconds)
        print(
            "sigterm-drill: service=\(service) runs=\(outcomes.count) max_exit_s=\(String(format: "%.2f", exits.max() ?? 0)) "
                + "failures=\(failures.count)")
        for strike in SigtermDrillStrike.allCases {
            let some = outcomes.filter { $0.strike == strike }
            guard !some.isEmpty else { continue }
            let maxExit = some.compactMap(\.exit).map(\.seconds).max() ?? 0
            print("sigterm-drill: service=\(service) strike=\(strike) runs=\(some.count) max_exit_s=\(String(format: "%.2f", maxExit))")
        }
        let statuses = Dictionary(grouping: outcomes.compactMap(\.status), by: { $0 }).mapValues(\.count)
        print("sigterm-drill: service=\(service) exit_statuses=\(statuses.sorted { $0.key < $1.key }.map { "\($0.key):\($0.value)" })")
        #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
    }

    /// One run: fresh upstreams, the service busy, the strike, the wait for its exit.
    /// - Returns: the outcome and, when the run failed, why.
    private func drillOnce(_ service: SigtermDrillService, run: Int, system: SystemUnderTest) async throws -> (Outcome, String?) {
        let strike = SigtermDrillStrike.forRun(run)
        try await system.restartBrokerIfNeeded()
        if run > 1 { try await system.replaceStandIns() }
        try await SigtermDrillWorkload.prepare(service, system: system)
        let process = try system.startService(
            service.executable, name: "\(service)-drill-\(run)", extra: ["SHUTDOWN_GRACE_PERIOD": String(Self.gracePeriodSeconds)])
        try await process.waitForOutput(containing: service.workingMarker, timeout: .seconds(60))
        let busy = try await SigtermDrillWorkload.engage(service, system: system, process: process, run: run)
        try await Task.sleep(for: .milliseconds(Int.random(in: 0...1_500)))
        try await SigtermDrillWorkload.beforeStrike(service, system: system)

        // The same moment: the upstream and/or the broker die, the service is told to stop.
        var victims: [ChildProcess] = []
        if strike.killsUpstream { victims.append(service.usesTelegram ? system.telegram.process : system.paziresh24) }
        if strike.killsBroker { victims.append(system.broker.process) }
        let sigtermFirst = Bool.random()
        if sigtermFirst { kill(process.pid, SIGTERM) }
        for victim in victims { kill(victim.pid, SIGKILL) }
        if !sigtermFirst { kill(process.pid, SIGTERM) }
        let sent = ContinuousClock.now
        let limit = Self.gracePeriod + .seconds(5)
        _ = await process.waitForExit(within: limit)
        let elapsed = ContinuousClock.now - sent
        // Reaped before the next run looks whether they run.
        for victim in victims { await victim.kill9() }

        let order = sigtermFirst ? "sigterm-first" : "kill-first"
        if process.isRunning {
            let output = process.output
            await process.kill9()
            print("sigterm-drill: service=\(service) run=\(run) strike=\(strike) \(order) busy=\"\(busy)\" exit_s=none (killed)")
            return (Outcome(strike: strike, exit: nil, status: nil), "still running \(limit) after SIGTERM:\n\(output.suffix(3000))")
        }
        let status = await process.terminate(grace: .zero)
        let output = process.output
        print(
            "sigterm-drill: service=\(service) run=\(run) strike=\(strike) \(order) busy=\"\(busy)\" "
                + "exit_s=\(String(format: "%.2f", elapsed.seconds)) status=\(status)")
        let outcome = Outcome(strike: strike, exit: elapsed, status: status)
        if elapsed > Self.gracePeriod { return (outcome, "exited after \(elapsed), beyond the grace period") }
        if output.contains("grace period exceeded") { return (outcome, "abandoned services:\n\(output.suffix(3000))") }
        if status != 0 { return (outcome, "exit status \(status):\n\(output.suffix(3000))") }
        return (outcome, nil)
    }
}

extension Duration {
    /// Seconds as a `Double`.
    fileprivate var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}
