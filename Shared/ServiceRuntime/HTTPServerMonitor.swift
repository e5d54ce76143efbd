import HTTPServer
import Synchronization

/// Turns an `HTTPServer`'s own decisions (a request refused before its handler, an eviction, a
/// 503) into metrics and log lines, so bad input is counted and said, never silent.
///
/// - `slothunter_http_rejected_requests_total{listener,status,reason}` — `reason` is one of the
///   server's fixed phrases (`invalid Content-Length`, `body too large`, `request timed out`, …).
/// - `slothunter_http_evicted_connections_total{listener}` and
///   `slothunter_http_overloaded_total{listener}`.
///
/// A flood of bad requests must not become a flood of log lines: one warning per listener and
/// reason per `logInterval`, carrying how many were not logged since the last one.
public final class HTTPServerMonitor: Sendable {
    private struct LogState {
        var lastLogged: [String: ContinuousClock.Instant] = [:]
        var suppressed: [String: Int] = [:]
    }

    private let listener: String
    private let metrics: MetricsRegistry
    private let logger: Logger
    private let logInterval: Duration
    private let now: @Sendable () -> ContinuousClock.Instant
    private let state = Mutex(LogState())

    /// - Parameters:
    ///   - listener: names the server in metrics and logs (`health`, `webhook`).
    ///   - logInterval: at most one log line per reason in this interval.
    ///   - now: the clock (tests inject one).
    public init(
        listener: String, metrics: MetricsRegistry, logger: Logger, logInterval: Duration = .seconds(10),
        now: @escaping @Sendable () -> ContinuousClock.Instant = { .now }
    ) {
        self.listener = listener
        self.metrics = metrics
        self.logger = logger
        self.logInterval = logInterval
        self.now = now
    }

    /// The handler to pass as `HTTPServer(onEvent:)`.
    public var onEvent: @Sendable (HTTPServerEvent) -> Void {
        { [self] event in record(event) }
    }

    /// Counts the event and logs it unless the same kind was logged within `logInterval`.
    public func record(_ event: HTTPServerEvent) {
        let key: String
        let message: String
        var fields = ["listener": listener]
        switch event {
        case .rejected(let status, let reason):
            metrics.counter(
                "slothunter_http_rejected_requests_total", help: "HTTP requests refused before their handler ran",
                labels: ["listener": listener, "status": String(status), "reason": reason]
            ).inc()
            key = "rejected \(status) \(reason)"
            message = "HTTP request refused"
            fields["status"] = String(status)
            fields["reason"] = reason
        case .evicted:
            metrics.counter(
                "slothunter_http_evicted_connections_total", help: "HTTP connections closed to admit a new one",
                labels: ["listener": listener]
            ).inc()
            key = "evicted"
            message = "HTTP connection evicted to admit a new one (too many open connections)"
        case .overloaded:
            metrics.counter(
                "slothunter_http_overloaded_total", help: "HTTP connections answered 503: every connection was busy",
                labels: ["listener": listener]
            ).inc()
            key = "overloaded"
            message = "HTTP connection refused with 503: every connection is busy"
        }
        let instant = now()
        let suppressed = state.withLock { state -> Int? in
            if let last = state.lastLogged[key], instant - last < logInterval {
                state.suppressed[key, default: 0] += 1
                return nil
            }
            state.lastLogged[key] = instant
            return state.suppressed.removeValue(forKey: key) ?? 0
        }
        guard let suppressed else { return }
        if suppressed > 0 { fields["not_logged_since_last"] = String(suppressed) }
        logger.warning(message, fields)
    }
}
