import Messaging
import ScraperDomain
import ServiceRuntime

// The only place where the scraper's domain types meet the event contract: watch messages in,
// `slot.found`, `slot.gone` and `doctor.checked` out (the slot-state record: SlotStateWireMapping).

extension ScrapeTarget {
    /// The domain view of a watched target of the contract.
    public init(_ target: WatchTarget) {
        self.init(
            doctor: Doctor(
                slug: target.doctor.slug, displayName: target.doctor.displayName, specialty: target.doctor.specialty,
                citySlug: target.doctor.citySlug, specialtySlug: target.doctor.specialtySlug),
            center: Center(
                id: target.center.id, name: target.center.name, userCenterId: target.center.userCenterId,
                serverId: target.center.serverId, isOnline: target.center.isOnline),
            service: Service(id: target.service.id, name: target.service.name, freePriceRial: target.service.freePriceRial))
    }
}

extension WatchTarget {
    /// The contract's view of a domain target.
    public init(_ target: ScrapeTarget) {
        self.init(
            doctor: DoctorRef(
                slug: target.doctor.slug, displayName: target.doctor.displayName, specialty: target.doctor.specialty,
                citySlug: target.doctor.citySlug, specialtySlug: target.doctor.specialtySlug),
            center: CenterRef(
                id: target.center.id, name: target.center.name, userCenterId: target.center.userCenterId,
                serverId: target.center.serverId, isOnline: target.center.isOnline),
            service: ServiceRef(id: target.service.id, name: target.service.name, freePriceRial: target.service.freePriceRial))
    }
}

extension WatchListChange {
    /// The watch-list change a message of the watches topic carries; nil for any other message.
    public init?(_ message: InboundMessage) {
        switch message {
        case .watchRequested(let envelope): self = .requested(ScrapeTarget(envelope.payload.target))
        case .watchCancelled(let envelope): self = .cancelled(targetId: envelope.payload.targetId)
        default: return nil
        }
    }
}

extension SlotFoundV1 {
    /// The `slot.found` payload announcing `slot`.
    public init(_ slot: DiscoveredSlot) {
        let target = WatchTarget(slot.target)
        self.init(
            targetId: target.id, doctor: target.doctor, center: target.center, serviceId: target.service.id,
            slot: SlotTime(start: slot.slot.start, end: slot.slot.end), bookingURL: slot.bookingURL, observedAt: slot.observedAt,
            pollId: slot.pollId, episode: slot.episode, granularity: SlotGranularity(slot.slot.granularity),
            onlinePriceRial: slot.onlinePriceRial)
    }
}

extension SlotGoneV1 {
    /// The `slot.gone` payload closing `slot`'s episode.
    public init(_ slot: GoneSlot) {
        self.init(
            targetId: slot.targetId, slot: SlotTime(start: slot.slot.start, end: slot.slot.end),
            granularity: SlotGranularity(slot.slot.granularity), episode: slot.episode, lastSeenAt: slot.lastSeenAt,
            firstMissedAt: slot.firstMissedAt, pollId: slot.pollId)
    }
}

extension SlotGranularity {
    /// The contract's granularity of a domain slot.
    public init(_ granularity: FreeSlot.Granularity) {
        switch granularity {
        case .time: self = .time
        case .day: self = .day
        }
    }
}

extension FreeSlot.Granularity {
    /// The domain's granularity of a contract slot.
    public init(_ granularity: SlotGranularity) {
        switch granularity {
        case .time: self = .time
        case .day: self = .day
        }
    }
}

extension DoctorCheckedV1.Outcome {
    /// The contract's outcome for a poll outcome.
    public init(_ outcome: PollOutcome) {
        switch outcome {
        case .ok: self = .ok
        case .noSlots: self = .noSlots
        case .error: self = .error
        }
    }
}

extension DoctorCheckedV1 {
    /// The `doctor.checked` payload reporting `report`.
    public init(_ report: CheckReport) {
        self.init(
            targetId: report.targetId, doctorSlug: report.doctorSlug, outcome: Outcome(report.outcome), errorKind: report.errorKind,
            freeSlotCount: report.freeSlotCount, newSlotCount: report.newSlotCount, earliestSlots: report.earliestSlots,
            durationMs: Int(report.duration.wholeMilliseconds), checkedAt: report.checkedAt, pollId: report.pollId)
    }
}
