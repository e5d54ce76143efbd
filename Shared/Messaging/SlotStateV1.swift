import Foundation

/// `slot.state` v1 (scraper → scraper, compacted topic `smartwhale.data.slot-state`, key = target
/// id): the scraper's durable slot state of one watch target, i.e. every slot its last successful
/// poll listed, each with the episode its `slot.found` opened. Written to the partition of the
/// target's watch record after a poll that opened or closed an episode (once that poll's
/// `slot.found` / `slot.gone` were acknowledged); read back by the replica that is assigned the
/// partition, before it polls the partition's targets, so a restart or a takeover neither
/// re-announces the slots already announced nor forgets them. Internal to the scraper: no other
/// service reads it. The latest record per key is the truth; a newer `updated_at` wins.
public struct SlotStateV1: MessagePayload {
    public static let schema = "slot.state"
    public static let version = 1

    /// One listed slot and its episode.
    public struct Entry: Sendable, Hashable, Codable {
        /// The slot (the same times as in its `slot.found`).
        public var slot: SlotTime
        /// `.day` for a free day known without times; `.time` otherwise.
        public var granularity: SlotGranularity
        /// The episode the slot's `slot.found` opened.
        public var episode: UUID
        /// When the poll that first listed the slot (in this episode) ran.
        public var firstSeenAt: Date
        /// When the last successful poll that listed it ran (as of this record).
        public var lastSeenAt: Date

        /// Creates an entry.
        public init(slot: SlotTime, granularity: SlotGranularity = .time, episode: UUID, firstSeenAt: Date, lastSeenAt: Date) {
            self.slot = slot
            self.granularity = granularity
            self.episode = episode
            self.firstSeenAt = firstSeenAt
            self.lastSeenAt = lastSeenAt
        }

        enum CodingKeys: String, CodingKey {
            case slot, granularity, episode
            case firstSeenAt = "first_seen_at"
            case lastSeenAt = "last_seen_at"
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            slot = try container.decode(SlotTime.self, forKey: .slot)
            granularity = try container.decodeIfPresent(SlotGranularity.self, forKey: .granularity) ?? .time
            episode = try container.decodeUUID(forKey: .episode)
            firstSeenAt = try container.decode(Date.self, forKey: .firstSeenAt)
            lastSeenAt = try container.decode(Date.self, forKey: .lastSeenAt)
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(slot, forKey: .slot)
            try container.encode(granularity, forKey: .granularity)
            try container.encodeLowercased(episode, forKey: .episode)
            try container.encode(firstSeenAt, forKey: .firstSeenAt)
            try container.encode(lastSeenAt, forKey: .lastSeenAt)
        }
    }

    /// The watch target id (`<center id>:<service id>`).
    public var targetId: String
    /// The listed slots, earliest first.
    public var slots: [Entry]
    /// When the successful poll this state reflects ran.
    public var updatedAt: Date
    /// That poll.
    public var pollId: UUID

    /// Creates the payload.
    public init(targetId: String, slots: [Entry], updatedAt: Date, pollId: UUID) {
        self.targetId = targetId
        self.slots = slots
        self.updatedAt = updatedAt
        self.pollId = pollId
    }

    enum CodingKeys: String, CodingKey {
        case slots
        case targetId = "target_id"
        case updatedAt = "updated_at"
        case pollId = "poll_id"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        targetId = try container.decode(String.self, forKey: .targetId)
        slots = try container.decode([Entry].self, forKey: .slots)
        updatedAt = try container.decode(Date.self, forKey: .updatedAt)
        pollId = try container.decodeUUID(forKey: .pollId)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targetId, forKey: .targetId)
        try container.encode(slots, forKey: .slots)
        try container.encode(updatedAt, forKey: .updatedAt)
        try container.encodeLowercased(pollId, forKey: .pollId)
    }
}
