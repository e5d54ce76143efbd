import Foundation
import Paziresh24
import ScraperDomain
import ServiceRuntime
import Synchronization

/// The scraper's Prometheus metrics.
public final class ScraperMetrics: Sendable {
    let registry: MetricsRegistry
    let requestDuration: Histogram
    let slotsFound: Counter
    let slotsGone: Counter
    let stateSaves: Counter
    let budget: Gauge
    let budgetShare: Gauge
    let budgetInUse: Gauge
    let coolDown: Gauge
    let targets: Gauge
    let partitions: Gauge
    let lastSuccess: Gauge
    let requests: Counter
    let probePages: Counter
    let probeTriggers: Counter
    let triggeredPolls: Counter
    let probeGroups: Gauge
    /// Breaker keys that have a series: only breakers that ever left `closed` get one (so a
    /// replica with thousands of healthy targets does not export thousands of zeros), and a
    /// series, once exported, keeps being updated so it returns to 0 and alerts resolve.
    private let exportedBreakers = Mutex<Set<String>>([])

    /// Registers the metrics.
    public init(registry: MetricsRegistry) {
        self.registry = registry
        requestDuration = registry.histogram(
            "slothunter_scraper_request_duration_seconds", help: "Duration of each HTTP request to paziresh24.",
            buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 20, 30])
        slotsFound = registry.counter("slothunter_scraper_slots_found_total", help: "New free slots announced as slot.found.")
        slotsGone = registry.counter(
            "slothunter_scraper_slots_gone_total", help: "Slots listed before and missing from a successful poll, announced as slot.gone.")
        stateSaves = registry.counter(
            "slothunter_scraper_state_saves_total", help: "Slot states written to smartwhale.data.slot-state after a poll changed episodes."
        )
        budget = registry.gauge(
            "slothunter_scraper_budget_requests_per_second", help: "Requests per second this replica may send to paziresh24 now.")
        budgetShare = registry.gauge(
            "slothunter_scraper_budget_share", help: "This replica's share of the fleet budget (assigned ÷ all partitions).")
        budgetInUse = registry.gauge(
            "slothunter_scraper_budget_in_use_ratio",
            help: "Requests sent in the last 30 s ÷ requests this replica's budget allowed (1 = budget saturated).")
        coolDown = registry.gauge(
            "slothunter_scraper_budget_cooldown", help: "1 while a cool-down after 429 or repeated 5xx lowers the rate.")
        targets = registry.gauge("slothunter_scraper_targets", help: "Watch targets owned by this replica.")
        partitions = registry.gauge("slothunter_scraper_assigned_partitions", help: "Partitions of the watches topic assigned here.")
        lastSuccess = registry.gauge(
            "slothunter_scraper_last_success_timestamp_seconds", help: "Unix time of the last successful poll.")
        requests = registry.counter("slothunter_scraper_requests_total", help: "HTTP requests sent to paziresh24 (retries included).")
        probePages = registry.counter(
            "slothunter_scraper_probe_pages_total", help: "Search pages read by successful probes (doctors observed per request).")
        probeTriggers = registry.counter(
            "slothunter_scraper_probe_triggers_total",
            help: "Direct polls triggered by a probe (a doctor's earliest free time moved earlier or appeared).")
        triggeredPolls = registry.counter(
            "slothunter_scraper_triggered_polls_total", help: "Direct polls started because a probe triggered them (ahead of the sweep).")
        probeGroups = registry.gauge(
            "slothunter_scraper_probe_groups", help: "Probe groups (partition, city, specialty) owned by this replica.")
    }

    func poll(outcome: String) {
        registry.counter("slothunter_scraper_polls_total", help: "Polls by outcome.", labels: ["outcome": outcome]).inc()
    }

    func probe(outcome: String) {
        registry.counter(
            "slothunter_scraper_probes_total", help: "Probes (search requests) sent, by outcome.", labels: ["outcome": outcome]
        ).inc()
    }

    func budget(_ snapshot: BudgetGate.Snapshot) {
        budget.set(snapshot.rate)
        budgetShare.set(snapshot.share)
        coolDown.set(snapshot.coolingDown ? 1 : 0)
    }

    /// Reports one breaker: `target` is a target id (`<center>:<service>`) or `host:<host>`.
    func breaker(target: String, state: BreakerState) {
        let export = exportedBreakers.withLock { exported in
            if state != .closed { exported.insert(target) }
            return exported.contains(target)
        }
        guard export else { return }
        registry.gauge(
            "slothunter_scraper_breaker_open", help: "1 while the circuit breaker of a target or host is open.",
            labels: ["target": target]
        ).set(state == .open ? 1 : 0)
        registry.gauge(
            "slothunter_scraper_breaker_state", help: "Circuit breaker state: 0 closed, 1 half-open, 2 open.",
            labels: ["target": target]
        ).set(Double(state.gaugeValue))
    }

    /// Reports the breakers of the hosts and of the owned targets; the series of a target that
    /// is no longer owned (it moved to another replica) goes back to closed.
    func breakers(_ states: [String: BreakerState], owned: Set<String>) {
        let keys = exportedBreakers.withLock { $0 }.union(states.keys)
        for key in keys {
            let relevant = key.hasPrefix("host:") || owned.contains(key)
            breaker(target: key, state: relevant ? states[key] ?? .closed : .closed)
        }
    }
}
