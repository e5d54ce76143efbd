import Messaging
import NotifierDomain

extension FoundSlot {
    /// The notifier's view of a `slot.found` event: where the wire type stops. A `slot.found`
    /// without an episode (a scraper before the slot lifecycle) gets `SlotPeriod.legacyEpisode`.
    public init(_ event: SlotFoundV1) {
        self.init(
            targetId: event.targetId,
            doctor: Doctor(slug: event.doctor.slug, displayName: event.doctor.displayName, specialty: event.doctor.specialty),
            center: Center(name: event.center.name, isOnline: event.center.isOnline), bookingURL: event.bookingURL,
            slot: SlotPeriod(
                start: event.slot.start, end: event.slot.end, episode: event.episode ?? SlotPeriod.legacyEpisode,
                granularity: SlotPeriod.Granularity(event.granularity)),
            observedAt: event.observedAt, onlinePriceRial: event.onlinePriceRial)
    }
}

extension GoneSlot {
    /// The notifier's view of a `slot.gone` event.
    public init(_ event: SlotGoneV1) {
        self.init(
            targetId: event.targetId,
            slot: SlotPeriod(
                start: event.slot.start, end: event.slot.end, episode: event.episode, granularity: SlotPeriod.Granularity(event.granularity)
            ),
            firstMissedAt: event.firstMissedAt)
    }
}

extension SlotPeriod.Granularity {
    /// The domain's granularity of the wire's.
    public init(_ granularity: SlotGranularity) {
        switch granularity {
        case .time: self = .time
        case .day: self = .day
        }
    }
}
