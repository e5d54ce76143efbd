import Foundation

/// A consumed Kafka record.
public struct KafkaRecord: Sendable {
    /// Topic the record was read from.
    public var topic: String
    /// Partition within the topic.
    public var partition: Int32
    /// Offset of the record within its partition.
    public var offset: Int64
    /// Record key; nil when the record had none.
    public var key: [UInt8]?
    /// Record value; empty for an empty or null (tombstone) value.
    public var value: [UInt8]
    /// Headers in wire order.
    public var headers: [KafkaHeader]
    /// Create or log-append time, when the broker reports one.
    public var timestamp: Date?

    /// Creates a record (consumers build these; tests and fakes may too).
    public init(
        topic: String, partition: Int32, offset: Int64, key: [UInt8]?, value: [UInt8],
        headers: [KafkaHeader] = [], timestamp: Date? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestamp = timestamp
    }

    /// The last header named `key`, decoded as UTF-8.
    public func header(_ key: String) -> String? {
        headers.last { $0.key == key }?.stringValue
    }

    /// The record's topic and partition.
    public var topicPartition: KafkaTopicPartition {
        KafkaTopicPartition(topic: topic, partition: partition)
    }
}
