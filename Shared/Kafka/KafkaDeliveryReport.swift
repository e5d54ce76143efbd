/// Where the broker stored a produced message.
public struct KafkaDeliveryReport: Sendable, Hashable {
    /// Topic the message was written to.
    public var topic: String
    /// Partition the message was written to.
    public var partition: Int32
    /// Offset assigned by the broker. With idempotence a message that needed retries may report
    /// -1001 (librdkafka's "invalid offset") even though it was written exactly once.
    public var offset: Int64

    /// Creates a report.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }
}
