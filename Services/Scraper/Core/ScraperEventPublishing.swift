import Messaging

/// The scraper's outgoing port: `slot.found` and `doctor.checked` events.
public protocol ScraperEventPublishing: Sendable {
    /// Publishes one new slot; returns when the broker acknowledged it.
    func slotFound(_ payload: SlotFoundV1, correlationId: String) async throws
    /// Publishes the outcome of a poll.
    func checked(_ payload: DoctorCheckedV1, correlationId: String) async throws
}
