import Foundation
import ServiceRuntime

/// The scraper's Prometheus metrics.
public struct ScraperMetrics: Sendable {
    let registry: MetricsRegistry
    let requestDuration: Histogram
    let slotsFound: Counter
    let budget: Gauge
    let budgetShare: Gauge
    let targets: Gauge
    let partitions: Gauge
    let lastSuccess: Gauge
    let requests: Counter

    /// Registers the metrics.
    public init(registry: MetricsRegistry) {
        self.registry = registry
        requestDuration = registry.histogram(
            "slothunter_scraper_request_duration_seconds", help: "Duration of each HTTP request to paziresh24.",
            buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30])
        slotsFound = registry.counter("slothunter_scraper_slots_found_total", help: "New free slots announced as slot.found.")
        budget = registry.gauge(
            "slothunter_scraper_budget_requests_per_second", help: "Requests per second this replica may send to paziresh24 now.")
        budgetShare = registry.gauge("slothunter_scraper_budget_share", help: "This replica's share of the fleet budget (assigned ÷ all partitions).")
        targets = registry.gauge("slothunter_scraper_targets", help: "Watch targets owned by this replica.")
        partitions = registry.gauge("slothunter_scraper_assigned_partitions", help: "Partitions of the watches topic assigned here.")
        lastSuccess = registry.gauge(
            "slothunter_scraper_last_success_timestamp_seconds", help: "Unix time of the last successful poll.")
        requests = registry.counter("slothunter_scraper_requests_total", help: "HTTP requests sent to paziresh24 (retries included).")
    }

    func poll(outcome: String) {
        registry.counter("slothunter_scraper_polls_total", help: "Polls by outcome.", labels: ["outcome": outcome]).inc()
    }

    func breaker(target: String, open: Bool) {
        registry.gauge("slothunter_scraper_breaker_open", help: "1 while a target's circuit breaker is open.", labels: ["target": target])
            .set(open ? 1 : 0)
    }
}
