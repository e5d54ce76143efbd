import Foundation

/// A free appointment as a notice lists it: its start and end instants, the episode (this
/// appearance of the slot), whether it is a whole day known without times, and whether it is
/// offered again as "still free" (held back earlier by the per-user limit).
public struct SlotPeriod: Sendable, Hashable {
    /// A timed slot, or a free day whose times are not known (`start` 00:00 Tehran, `end` the next 00:00).
    public enum Granularity: String, Sendable, Hashable {
        case time
        case day
    }

    /// Start instant.
    public var start: Date
    /// End instant.
    public var end: Date
    /// The episode: a slot taken and freed again is a new episode, and so a new notice.
    public var episode: UUID
    /// A timed slot or a free day.
    public var granularity: Granularity
    /// Held back by the per-user limit earlier and offered now, once, as "still free".
    public var isStillFree: Bool

    /// The episode of a `slot.found` from a scraper before the slot lifecycle (no `episode` on the
    /// wire): the nil UUID, so such a slot keeps the old key (chat, target, start) and its old behaviour.
    public static let legacyEpisode = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))

    /// Creates a slot period.
    public init(
        start: Date, end: Date, episode: UUID = SlotPeriod.legacyEpisode, granularity: Granularity = .time, isStillFree: Bool = false
    ) {
        self.start = start
        self.end = end
        self.episode = episode
        self.granularity = granularity
        self.isStillFree = isStillFree
    }

    /// Whether the slot can no longer be booked at `now`: a timed slot once it starts, a free day once it ends.
    public func hasPassed(at now: Date) -> Bool {
        switch granularity {
        case .time: start <= now
        case .day: end <= now
        }
    }

    /// The slot's identity across events: target, start and episode.
    public func episodeKey(targetId: String) -> SlotEpisodeKey {
        SlotEpisodeKey(targetId: targetId, start: start, episode: episode)
    }
}
