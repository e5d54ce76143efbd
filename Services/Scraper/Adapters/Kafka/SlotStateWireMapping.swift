import Foundation
import Messaging
import ScraperDomain

// The scraper's slot state (domain `TargetSlots`) as the `slot.state` record of the slot-state
// topic, and back.

extension SlotStateV1 {
    /// The record persisting `state` as the slot state of `targetId`.
    public init(targetId: String, _ state: TargetSlots) {
        self.init(
            targetId: targetId,
            slots: state.slots.map {
                Entry(
                    slot: SlotTime(start: $0.slot.start, end: $0.slot.end), granularity: SlotGranularity($0.slot.granularity),
                    episode: $0.episode, firstSeenAt: $0.firstSeenAt, lastSeenAt: $0.lastSeenAt)
            },
            updatedAt: state.updatedAt, pollId: state.pollId)
    }
}

extension TargetSlots {
    /// The domain view of a persisted slot state.
    public init(_ record: SlotStateV1) {
        self.init(
            slots: record.slots.map {
                ListedSlot(
                    slot: FreeSlot(start: $0.slot.start, end: $0.slot.end, granularity: FreeSlot.Granularity($0.granularity)),
                    episode: $0.episode, firstSeenAt: $0.firstSeenAt, lastSeenAt: $0.lastSeenAt)
            },
            updatedAt: record.updatedAt, pollId: record.pollId)
    }
}
