import Foundation

/// A slot that the last successful poll of its target listed and a later successful poll did not
/// (taken, or its time passed): what `slot.gone` announces. It closes the slot's episode.
public struct GoneSlot: Sendable, Hashable {
    /// The target the slot belonged to.
    public var targetId: String
    /// The slot (as last listed).
    public var slot: FreeSlot
    /// The episode it closes.
    public var episode: UUID
    /// When the last successful poll that listed it ran.
    public var lastSeenAt: Date
    /// When the first successful poll that did not list it ran.
    public var firstMissedAt: Date
    /// That poll.
    public var pollId: UUID

    /// Creates a gone slot.
    public init(targetId: String, slot: FreeSlot, episode: UUID, lastSeenAt: Date, firstMissedAt: Date, pollId: UUID) {
        self.targetId = targetId
        self.slot = slot
        self.episode = episode
        self.lastSeenAt = lastSeenAt
        self.firstMissedAt = firstMissedAt
        self.pollId = pollId
    }
}
