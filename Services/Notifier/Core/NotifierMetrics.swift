import Foundation
import ServiceRuntime

/// The notifier's Prometheus metrics.
public struct NotifierMetrics: Sendable {
    let registry: MetricsRegistry
    let sentCounter: Counter
    let coalescedCounter: Counter
    let tooMany: Counter
    let latency: Histogram
    let batches: Counter

    /// Registers the metrics.
    public init(registry: MetricsRegistry) {
        self.registry = registry
        sentCounter = registry.counter("slothunter_notifier_notices_sent_total", help: "Notices delivered to Telegram.")
        coalescedCounter = registry.counter(
            "slothunter_notifier_notices_coalesced_total", help: "Slots folded into another slot's notice.")
        tooMany = registry.counter("slothunter_notifier_telegram_429_total", help: "429 answers from Telegram.")
        latency = registry.histogram(
            "slothunter_notifier_delivery_latency_seconds", help: "From slot observed by the scraper to Telegram's acceptance.",
            buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300])
        batches = registry.counter("slothunter_notifier_batches_total", help: "Batches of slot.found processed.")
    }

    func sent(latency seconds: TimeInterval) {
        sentCounter.inc()
        latency.observe(max(0, seconds))
    }

    func suppressed(reason: String, count: Int) {
        guard count > 0 else { return }
        registry.counter(
            "slothunter_notifier_notices_suppressed_total", help: "Notices not sent, by reason.", labels: ["reason": reason]
        ).inc(by: Double(count))
    }

    func coalesced(count: Int) {
        if count > 0 { coalescedCounter.inc(by: Double(count)) }
    }

    func telegram429() { tooMany.inc() }
}
