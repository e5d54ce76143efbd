import Foundation

/// The slot state of one target: every slot its last successful poll listed, each with its
/// episode. What `SlotDiff` remembers per target and what the slot-state store persists.
public struct TargetSlots: Sendable, Hashable {
    /// The listed slots, ordered by key.
    public var slots: [ListedSlot]
    /// When the successful poll this state reflects ran; a newer state wins over an older one
    /// (restoring from the store never overwrites what this replica learned since).
    public var updatedAt: Date
    /// That poll.
    public var pollId: UUID

    /// Creates a state.
    public init(slots: [ListedSlot], updatedAt: Date, pollId: UUID) {
        self.slots = slots.sorted { $0.slot.key < $1.slot.key }
        self.updatedAt = updatedAt
        self.pollId = pollId
    }

    /// The slots by key.
    public var byKey: [FreeSlot.Key: ListedSlot] {
        Dictionary(slots.map { ($0.slot.key, $0) }, uniquingKeysWith: { first, _ in first })
    }
}
