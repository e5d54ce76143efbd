/// A topic the admin client should make sure exists.
public struct KafkaTopicSpec: Sendable, Hashable {
    /// Topic name.
    public var name: String
    /// Number of partitions.
    public var partitions: Int
    /// Replicas per partition.
    public var replicationFactor: Int
    /// Topic configuration, e.g. `["retention.ms": "604800000"]`.
    public var config: [String: String]

    /// Creates a topic spec.
    public init(name: String, partitions: Int, replicationFactor: Int, config: [String: String] = [:]) {
        self.name = name
        self.partitions = partitions
        self.replicationFactor = replicationFactor
        self.config = config
    }
}
