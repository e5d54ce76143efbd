import Foundation

/// One episode of one slot: target, slot start (milliseconds, as the wire and the ledger carry it)
/// and episode. What `slot.gone` closes and what the send-time check looks up.
public struct SlotEpisodeKey: Sendable, Hashable, Comparable {
    /// Watch target id.
    public var targetId: String
    /// Slot start, milliseconds since 1970.
    public var startMilliseconds: Int64
    /// The episode.
    public var episode: UUID

    /// Creates a key.
    public init(targetId: String, start: Date, episode: UUID) {
        self.init(targetId: targetId, startMilliseconds: LedgerKey.milliseconds(start), episode: episode)
    }

    /// Creates a key from its stored columns.
    public init(targetId: String, startMilliseconds: Int64, episode: UUID) {
        self.targetId = targetId
        self.startMilliseconds = startMilliseconds
        self.episode = episode
    }

    /// The keys of every slot of `notice`, in slot order.
    public static func keys(of notice: Notice) -> [SlotEpisodeKey] {
        notice.slots.map { $0.episodeKey(targetId: notice.targetId) }
    }

    public static func < (lhs: SlotEpisodeKey, rhs: SlotEpisodeKey) -> Bool {
        (lhs.targetId, lhs.startMilliseconds, lhs.episode.uuidString) < (rhs.targetId, rhs.startMilliseconds, rhs.episode.uuidString)
    }
}
