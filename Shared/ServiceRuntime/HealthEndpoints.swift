import HTTPServer
import Synchronization

/// The request handling of `HealthServer`, separate from it so the HTTP server's handler does not
/// retain the `HealthServer` that owns the HTTP server.
final class HealthEndpoints: Sendable {
    private struct State {
        var checks: [ReadinessCheck]
        var shuttingDown = false
        var lastReady: Bool?
    }

    /// The `/readyz` body.
    struct ReadinessReport: Codable, Equatable {
        var ready: Bool
        var shuttingDown: Bool
        var checks: [String: Bool]

        enum CodingKeys: String, CodingKey {
            case ready
            case shuttingDown = "shutting_down"
            case checks
        }
    }

    private let metrics: MetricsRegistry
    private let checkTimeout: Duration
    private let logger: Logger
    private let state: Mutex<State>

    init(metrics: MetricsRegistry, checks: [ReadinessCheck], checkTimeout: Duration, logger: Logger) {
        self.metrics = metrics
        self.checkTimeout = checkTimeout
        self.logger = logger
        self.state = Mutex(State(checks: checks))
    }

    var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

    func addCheck(_ check: ReadinessCheck) {
        state.withLock { $0.checks.append(check) }
    }

    /// - Returns: whether this call changed the state.
    func markShuttingDown() -> Bool {
        state.withLock { state in
            defer { state.shuttingDown = true }
            return !state.shuttingDown
        }
    }

    func respond(to request: HTTPRequest) async -> HTTPResponse {
        let known = ["/healthz", "/readyz", "/metrics"]
        guard known.contains(request.path) else { return .notFound }
        guard request.method == "GET" else {
            var response = HTTPResponse.text(405, "method not allowed")
            response.headers.append(("Allow", "GET"))
            return response
        }
        switch request.path {
        case "/healthz":
            return .text(200, "ok")
        case "/readyz":
            let report = await readiness()
            return .json(report.ready ? 200 : 503, encoding: report)
        default:
            return HTTPResponse(
                status: 200, headers: [("Content-Type", MetricsRegistry.contentType)],
                body: Array(metrics.render().utf8))
        }
    }

    /// Runs every check concurrently; logs only transitions between ready and not ready.
    func readiness() async -> ReadinessReport {
        let checks = state.withLock { $0.checks }
        let timeout = checkTimeout
        let results = await withTaskGroup(of: (String, Bool).self) { group in
            for check in checks {
                group.addTask { (check.name, await Self.evaluate(check, timeout: timeout)) }
            }
            var results: [String: Bool] = [:]
            for await (name, passed) in group { results[name] = passed && (results[name] ?? true) }
            return results
        }
        let (shuttingDown, changed) = state.withLock { state -> (Bool, Bool?) in
            let ready = !state.shuttingDown && !results.values.contains(false)
            defer { state.lastReady = ready }
            return (state.shuttingDown, state.lastReady == ready ? nil : ready)
        }
        let report = ReadinessReport(
            ready: !shuttingDown && !results.values.contains(false), shuttingDown: shuttingDown, checks: results)
        if let changed, !shuttingDown {
            let failed = results.filter { !$0.value }.keys.sorted().joined(separator: ",")
            if changed { logger.notice("ready") } else { logger.warning("not ready", ["failed_checks": failed]) }
        }
        return report
    }

    /// The check's answer, or false once `timeout` passes. A check that ignores cancellation is
    /// abandoned rather than awaited, so one hung dependency cannot hang the probe.
    static func evaluate(_ check: ReadinessCheck, timeout: Duration) async -> Bool {
        await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let answer = ResumeOnce(continuation)
            let work = Task { answer.resume(returning: await check.check()) }
            Task {
                try? await Task.sleep(for: timeout)
                if answer.resume(returning: false) { work.cancel() }
            }
        }
    }
}
