import Foundation
import NotifierAdapters
import NotifierDomain
import ServiceRuntime

/// The notifier's Prometheus metrics. Dead letters are counted by `DeadLetterPublisher` as
/// `slothunter_deadletter_total{service="notifier",reason}`.
public struct NotifierMetrics: DeliveryMetrics, TelegramSendMetrics {
    let registry: MetricsRegistry
    let sentCounter: Counter
    let coalescedCounter: Counter
    let withdrawnCounter: Counter
    let expiredCounter: Counter
    let goneRecorded: Counter
    let tooMany: Counter
    let latency: Histogram
    let batches: Counter
    let offsetsStored: Counter
    let eventFailures: Counter
    let recordRetries: Counter
    let poisonRecords: Counter
    let assignedPartitions: Gauge
    let sendRate: Gauge

    /// Registers the metrics.
    public init(registry: MetricsRegistry) {
        self.registry = registry
        sentCounter = registry.counter("slothunter_notifier_notices_sent_total", help: "Notices delivered to Telegram.")
        coalescedCounter = registry.counter(
            "slothunter_notifier_notices_coalesced_total", help: "Slots folded into another slot's notice.")
        withdrawnCounter = registry.counter(
            "slothunter_notifier_notices_withdrawn_total",
            help: "Slots (one per user and slot) taken out of notices not yet sent because slot.gone closed their episode.")
        expiredCounter = registry.counter(
            "slothunter_notifier_notices_expired_total",
            help: "Slots (one per user and slot) not sent: observed more than NOTIFIER_MAX_AGE ago, or already passed.")
        goneRecorded = registry.counter("slothunter_notifier_slots_gone_total", help: "slot.gone events recorded.")
        tooMany = registry.counter("slothunter_notifier_telegram_429_total", help: "429 answers from Telegram.")
        latency = registry.histogram(
            "slothunter_notifier_delivery_latency_seconds", help: "From slot observed by the scraper to Telegram's acceptance.",
            buckets: [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300])
        batches = registry.counter("slothunter_notifier_batches_total", help: "Batches of slot.found processed.")
        offsetsStored = registry.counter(
            "slothunter_notifier_offsets_stored_total", help: "slot.found records whose offsets were stored after their batch was recorded."
        )
        eventFailures = registry.counter(
            "slothunter_notifier_event_publish_failures_total", help: "notification.sent events that could not be published.")
        recordRetries = registry.counter(
            "slothunter_notifier_record_retries_total", help: "Retries of recording a Telegram answer in the ledger.")
        poisonRecords = registry.counter(
            "slothunter_notifier_poison_records_total",
            help: "slot.found records dead-lettered as processing_failed after failing permanently for the poison timeout.")
        assignedPartitions = registry.gauge(
            "slothunter_notifier_assigned_partitions", help: "Partitions of smartwhale.data.slots assigned to this replica.")
        sendRate = registry.gauge(
            "slothunter_notifier_send_rate", help: "Messages per second this replica may send (its share of the global rate).")
    }

    public func sent(latency seconds: TimeInterval) {
        sentCounter.inc()
        latency.observe(max(0, seconds))
    }

    public func suppressed(reason: String, count: Int) {
        guard count > 0 else { return }
        registry.counter(
            "slothunter_notifier_notices_suppressed_total", help: "Notices not sent, by reason.", labels: ["reason": reason]
        ).inc(by: Double(count))
    }

    public func withdrawn(count: Int) {
        if count > 0 { withdrawnCounter.inc(by: Double(count)) }
    }

    public func expired(count: Int) {
        if count > 0 { expiredCounter.inc(by: Double(count)) }
    }

    public func coalesced(count: Int) {
        if count > 0 { coalescedCounter.inc(by: Double(count)) }
    }

    public func telegram429() { tooMany.inc() }

    public func telegramRetry(reason: String) {
        registry.counter(
            "slothunter_notifier_telegram_retries_total", help: "sendMessage attempts retried after a 5xx, a timeout or a transport error.",
            labels: ["reason": reason]
        ).inc()
    }

    public func eventPublishFailed() { eventFailures.inc() }

    public func recordRetried() { recordRetries.inc() }

    func share(assigned: Int, rate: Double) {
        assignedPartitions.set(Double(assigned))
        sendRate.set(rate)
    }
}
