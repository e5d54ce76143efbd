/// The scraper's outgoing port: `slot.found` and `doctor.checked` events (`KafkaScraperEvents` in
/// production).
public protocol ScraperEventPublishing: Sendable {
    /// Publishes one new slot; returns when the broker acknowledged it.
    func slotFound(_ slot: DiscoveredSlot, correlationId: String) async throws
    /// Publishes the outcome of a poll.
    func checked(_ report: CheckReport, correlationId: String) async throws
}
