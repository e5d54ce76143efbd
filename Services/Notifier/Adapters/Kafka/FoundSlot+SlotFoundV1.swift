import Messaging
import NotifierDomain

extension FoundSlot {
    /// The notifier's view of a `slot.found` event: where the wire type stops.
    public init(_ event: SlotFoundV1) {
        self.init(
            targetId: event.targetId,
            doctor: Doctor(slug: event.doctor.slug, displayName: event.doctor.displayName, specialty: event.doctor.specialty),
            center: Center(name: event.center.name, isOnline: event.center.isOnline), bookingURL: event.bookingURL,
            slot: SlotPeriod(start: event.slot.start, end: event.slot.end), observedAt: event.observedAt)
    }
}
