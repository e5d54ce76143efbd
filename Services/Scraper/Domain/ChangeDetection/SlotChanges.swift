import Foundation

/// What a successful poll changed in a target's slot state, computed by `SlotDiff.changes` and
/// recorded by `SlotDiff.commit` once the events are acknowledged.
public struct SlotChanges: Sendable, Hashable {
    /// Slots the previous state did not list, each with its new episode (`slot.found`).
    public var found: [ListedSlot]
    /// Episodes the poll closed: listed before, missing now (`slot.gone`); `lastSeenAt` is the
    /// last poll that listed them.
    public var gone: [ListedSlot]
    /// The state after the poll.
    public var after: TargetSlots

    /// Creates the changes.
    public init(found: [ListedSlot], gone: [ListedSlot], after: TargetSlots) {
        self.found = found
        self.gone = gone
        self.after = after
    }

    /// Whether an episode opened or closed (the state must then be persisted).
    public var changesEpisodes: Bool { !found.isEmpty || !gone.isEmpty }
}
