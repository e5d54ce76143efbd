/// How far a consumer group is behind on one partition, as `KafkaConsumer.lag(timeout:)` measured it.
public struct KafkaPartitionLag: Sendable, Hashable {
    /// Topic name.
    public var topic: String
    /// Partition number.
    public var partition: Int32
    /// Offset of the oldest record the broker still holds.
    public var lowWatermark: Int64
    /// Offset the next produced record will get (one past the newest record).
    public var highWatermark: Int64
    /// The group's committed offset (the next record the group will process), nil when the group
    /// has committed nothing for the partition.
    public var committed: Int64?
    /// This consumer's fetch position (one past the last record it received), nil before it
    /// received anything from the partition since the assignment.
    public var position: Int64?
    /// Records the group has not committed yet: `highWatermark - committed`, or, with nothing
    /// committed, `highWatermark - lowWatermark` (every retained record). Never negative.
    public var lag: Int64
    /// Records this consumer has not received yet: `highWatermark - position`, or `lag` before
    /// it received anything. The useful number for a consumer that never commits (one that
    /// re-reads its partitions from the beginning on every assignment). Never negative.
    public var positionLag: Int64

    /// Creates a measurement; `lag` is derived as documented on the property.
    public init(
        topic: String, partition: Int32, lowWatermark: Int64, highWatermark: Int64, committed: Int64?,
        position: Int64?
    ) {
        self.topic = topic
        self.partition = partition
        self.lowWatermark = lowWatermark
        self.highWatermark = highWatermark
        self.committed = committed
        self.position = position
        let committedUpTo = max(committed ?? lowWatermark, lowWatermark)
        lag = max(0, highWatermark - committedUpTo)
        positionLag = position.map { max(0, highWatermark - max($0, lowWatermark)) } ?? lag
    }

    /// The partition this measurement is about.
    public var topicPartition: KafkaTopicPartition {
        KafkaTopicPartition(topic: topic, partition: partition)
    }
}
