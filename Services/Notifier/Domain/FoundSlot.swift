import Foundation

/// A free slot the scraper found on a watch target: the notifier's own view of a `slot.found`
/// event (the Kafka adapter maps the wire type into it).
public struct FoundSlot: Sendable, Hashable {
    /// Watch target id.
    public var targetId: String
    /// The doctor.
    public var doctor: Doctor
    /// The center.
    public var center: Center
    /// Booking page of the doctor.
    public var bookingURL: String
    /// The slot.
    public var slot: SlotPeriod
    /// When the scraper saw it (start of the latency clock).
    public var observedAt: Date
    /// The online-visit price in Rial the scraper last read for the doctor (nil: unknown).
    public var onlinePriceRial: Int64?

    /// Creates a found slot.
    public init(
        targetId: String, doctor: Doctor, center: Center, bookingURL: String, slot: SlotPeriod, observedAt: Date,
        onlinePriceRial: Int64? = nil
    ) {
        self.targetId = targetId
        self.doctor = doctor
        self.center = center
        self.bookingURL = bookingURL
        self.slot = slot
        self.observedAt = observedAt
        self.onlinePriceRial = onlinePriceRial
    }
}
