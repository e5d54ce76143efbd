import Foundation

/// A slot that was taken (or whose time passed): the notifier's view of a `slot.gone` event. It
/// closes one episode; a notice not yet sent must no longer list that episode.
public struct GoneSlot: Sendable, Hashable {
    /// Watch target id.
    public var targetId: String
    /// The slot (its episode is the one that closed).
    public var slot: SlotPeriod
    /// When the first poll that no longer listed it ran.
    public var firstMissedAt: Date

    /// Creates a gone slot.
    public init(targetId: String, slot: SlotPeriod, firstMissedAt: Date) {
        self.targetId = targetId
        self.slot = slot
        self.firstMissedAt = firstMissedAt
    }

    /// The episode it closes.
    public var key: SlotEpisodeKey { slot.episodeKey(targetId: targetId) }
}
