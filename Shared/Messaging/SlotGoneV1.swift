import Foundation

/// `slot.gone` v1 (scraper → notifier, topic `smartwhale.data.slots`, key = target id): a slot
/// that the last successful poll listed is missing from a later successful poll (taken, or its
/// time passed). It closes the episode the slot's `slot.found` opened; if the slot comes back
/// (a cancellation), a new `slot.found` opens a new episode. Never sent for a failed poll.
public struct SlotGoneV1: MessagePayload {
    public static let schema = "slot.gone"
    public static let version = 1

    /// The watch target id (`<center id>:<service id>`).
    public var targetId: String
    /// The slot that is gone (the same times as in its `slot.found`).
    public var slot: SlotTime
    /// `.day` for a free day known without times; `.time` otherwise.
    public var granularity: SlotGranularity
    /// The episode this closes: the `episode` of the `slot.found` that announced the slot.
    public var episode: UUID
    /// When the last successful poll that listed the slot ran.
    public var lastSeenAt: Date
    /// When the first successful poll that did not list it ran.
    public var firstMissedAt: Date
    /// Id of that poll.
    public var pollId: UUID

    /// Creates the payload.
    public init(
        targetId: String, slot: SlotTime, granularity: SlotGranularity = .time, episode: UUID, lastSeenAt: Date,
        firstMissedAt: Date, pollId: UUID
    ) {
        self.targetId = targetId
        self.slot = slot
        self.granularity = granularity
        self.episode = episode
        self.lastSeenAt = lastSeenAt
        self.firstMissedAt = firstMissedAt
        self.pollId = pollId
    }

    enum CodingKeys: String, CodingKey {
        case slot, granularity, episode
        case targetId = "target_id"
        case lastSeenAt = "last_seen_at"
        case firstMissedAt = "first_missed_at"
        case pollId = "poll_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        targetId = try container.decode(String.self, forKey: .targetId)
        slot = try container.decode(SlotTime.self, forKey: .slot)
        granularity = try container.decodeIfPresent(SlotGranularity.self, forKey: .granularity) ?? .time
        episode = try container.decodeUUID(forKey: .episode)
        lastSeenAt = try container.decode(Date.self, forKey: .lastSeenAt)
        firstMissedAt = try container.decode(Date.self, forKey: .firstMissedAt)
        pollId = try container.decodeUUID(forKey: .pollId)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targetId, forKey: .targetId)
        try container.encode(slot, forKey: .slot)
        try container.encode(granularity, forKey: .granularity)
        try container.encodeLowercased(episode, forKey: .episode)
        try container.encode(lastSeenAt, forKey: .lastSeenAt)
        try container.encode(firstMissedAt, forKey: .firstMissedAt)
        try container.encodeLowercased(pollId, forKey: .pollId)
    }
}
