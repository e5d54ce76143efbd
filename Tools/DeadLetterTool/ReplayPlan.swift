/// Which dead letters a replay publishes, in which order, and which it leaves out and why.
///
/// Selection: the filter's matches in source order (topic, partition, offset); a source position
/// dead-lettered more than once is replayed once (every consumer group reads the topic again);
/// dead letters whose payload is corrupt are refused; then `limit` keeps the first K.
public struct ReplayPlan: Sendable, Equatable {
    /// A dead letter left out as a repeat of another with the same source position.
    public struct Duplicate: Sendable, Equatable {
        /// The one left out.
        public var position: DeadLetterPosition
        /// The one replayed instead.
        public var replayedAs: DeadLetterPosition
    }

    /// The messages to publish, in order.
    public var messages: [ReplayMessage]
    /// How many dead letters matched the filter.
    public var matchedCount: Int
    /// Matches left out because their source position is replayed through another dead letter.
    public var duplicates: [Duplicate]
    /// Matches that cannot be replayed.
    public var refused: [DeadLetterToolError]
    /// How many messages there were before `limit` cut them, when it did.
    public var countBeforeLimit: Int?

    /// Plans the replay of `entries` that match `filter`.
    public init(entries: [DeadLetterEntry], filter: DeadLetterFilter, limit: Int?) {
        let matches = filter.select(entries)
        matchedCount = matches.count
        duplicates = []
        refused = []
        var firstBySource: [String: DeadLetterPosition] = [:]
        var messages: [ReplayMessage] = []
        for entry in matches {
            if let first = firstBySource[entry.sourceDescription] {
                duplicates.append(Duplicate(position: entry.position, replayedAs: first))
                continue
            }
            firstBySource[entry.sourceDescription] = entry.position
            do throws(DeadLetterToolError) {
                messages.append(try ReplayMessage(entry: entry))
            } catch {
                refused.append(error)
            }
        }
        if let limit, messages.count > limit {
            countBeforeLimit = messages.count
            messages = Array(messages.prefix(limit))
        }
        self.messages = messages
    }

    /// The distinct topics to publish to, sorted.
    public var topics: [String] {
        Set(messages.map(\.topic)).sorted()
    }
}
