/// Partition counts of the replay's topics (missing topics are absent).
struct PartitionCounts: Sendable {
    var counts: [String: Int]

    /// The partition `message` goes to: nil means by key.
    func partition(for message: ReplayMessage) -> Int32? {
        counts[message.topic].flatMap { message.targetPartition(partitionCount: $0) }
    }

    /// `topic[partition]` or `topic[by key]`; nil when the topic is missing.
    func target(for message: ReplayMessage) -> String? {
        guard counts[message.topic] != nil else { return nil }
        return "\(message.topic)[\(partition(for: message).map(String.init) ?? "by key")]"
    }
}
