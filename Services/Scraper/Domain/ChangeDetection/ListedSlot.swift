import Foundation

/// One episode of a slot: the slot as listed by consecutive successful polls, from the poll that
/// first listed it to the last one that did. A slot that goes and comes back is a new episode.
public struct ListedSlot: Sendable, Hashable {
    /// The slot (the end and granularity as last listed).
    public var slot: FreeSlot
    /// The episode id, fixed by the poll that first listed the slot.
    public var episode: UUID
    /// When that poll ran.
    public var firstSeenAt: Date
    /// When the last successful poll that listed the slot ran.
    public var lastSeenAt: Date

    /// Creates an episode.
    public init(slot: FreeSlot, episode: UUID, firstSeenAt: Date, lastSeenAt: Date) {
        self.slot = slot
        self.episode = episode
        self.firstSeenAt = firstSeenAt
        self.lastSeenAt = lastSeenAt
    }
}
