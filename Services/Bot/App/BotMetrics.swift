import BotDomain
import ServiceRuntime

/// The bot's Prometheus metrics.
public struct BotMetrics: BotCounters {
    let registry: MetricsRegistry

    /// Registers the metrics.
    public init(registry: MetricsRegistry) {
        self.registry = registry
    }

    public func update(kind: String) {
        registry.counter("slothunter_bot_updates_total", help: "Telegram updates received, by kind.", labels: ["kind": kind])
            .inc()
    }

    public func command(_ name: String) {
        registry.counter("slothunter_bot_commands_total", help: "Commands and other inputs handled.", labels: ["command": name])
            .inc()
    }

    public func failure() {
        registry.counter("slothunter_bot_handler_errors_total", help: "Updates whose handling failed.").inc()
    }

    /// Telegram answered a message with 429 (too many requests).
    public func telegram429() {
        registry.counter("slothunter_bot_telegram_429_total", help: "Telegram answers of 429 (too many requests) to the bot's messages.")
            .inc()
    }

    public func poisonRecord() {
        registry.counter(
            "slothunter_bot_poison_records_total",
            help: "doctor.checked records dead-lettered as processing_failed after failing permanently for the poison timeout."
        ).inc()
    }
}
