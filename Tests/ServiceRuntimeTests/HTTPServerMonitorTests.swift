import HTTPServer
import ServiceRuntime
import Synchronization
import Testing

@Suite struct HTTPServerMonitorTests {
    /// A clock the test moves by hand.
    final class ManualInstant: Sendable {
        private let value = Mutex(ContinuousClock.now)
        var now: ContinuousClock.Instant { value.withLock { $0 } }
        func advance(_ duration: Duration) { value.withLock { $0 = $0 + duration } }
    }

    @Test func countsEveryEventWithItsLabels() {
        let metrics = MetricsRegistry()
        let monitor = HTTPServerMonitor(
            listener: "webhook", metrics: metrics, logger: Logger(service: "t", instance: "t", sink: .discard))
        for _ in 0..<3 { monitor.record(.rejected(status: 400, reason: "invalid Content-Length")) }
        monitor.record(.rejected(status: 413, reason: "body too large"))
        monitor.record(.evicted)
        monitor.record(.overloaded)
        let text = metrics.render()
        #expect(
            text.contains(
                #"slothunter_http_rejected_requests_total{listener="webhook",reason="invalid Content-Length",status="400"} 3"#))
        #expect(
            text.contains(
                #"slothunter_http_rejected_requests_total{listener="webhook",reason="body too large",status="413"} 1"#))
        #expect(text.contains(#"slothunter_http_evicted_connections_total{listener="webhook"} 1"#))
        #expect(text.contains(#"slothunter_http_overloaded_total{listener="webhook"} 1"#))
    }

    /// A flood of bad requests becomes one line per reason per interval, which then says how many
    /// were not logged.
    @Test func logsAreThrottledPerReasonAndSayWhatWasSuppressed() {
        let buffer = LogBuffer()
        let clock = ManualInstant()
        let monitor = HTTPServerMonitor(
            listener: "health", metrics: MetricsRegistry(), logger: Logger(service: "t", instance: "t", sink: .buffer(buffer)),
            logInterval: .seconds(10), now: { clock.now })
        for _ in 0..<1_000 { monitor.record(.rejected(status: 400, reason: "malformed request line")) }
        monitor.record(.rejected(status: 408, reason: "request timed out"))
        #expect(buffer.lines.count == 2)
        clock.advance(.seconds(11))
        monitor.record(.rejected(status: 400, reason: "malformed request line"))
        #expect(buffer.lines.count == 3)
        #expect(buffer.lines[2].contains(#""not_logged_since_last":"999""#))
        #expect(buffer.lines[2].contains(#""reason":"malformed request line""#))
    }
}
