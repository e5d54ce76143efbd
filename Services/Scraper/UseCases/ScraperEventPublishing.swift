/// The scraper's outgoing port: `slot.found`, `slot.gone` and `doctor.checked` events
/// (`KafkaScraperEvents` in production).
public protocol ScraperEventPublishing: Sendable {
    /// Publishes one new slot (an episode opens); returns when the broker acknowledged it.
    func slotFound(_ slot: DiscoveredSlot, correlationId: String) async throws
    /// Publishes one slot that is gone (its episode closes); returns when the broker acknowledged it.
    func slotGone(_ slot: GoneSlot, correlationId: String) async throws
    /// Publishes the outcome of a poll.
    func checked(_ report: CheckReport, correlationId: String) async throws
}
