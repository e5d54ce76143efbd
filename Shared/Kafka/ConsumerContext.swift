import Synchronization

/// State shared by a consumer's poll thread and librdkafka's callbacks (which run on that thread,
/// inside `rd_kafka_consumer_poll`). librdkafka reaches it through the configuration opaque: an
/// `Unmanaged` reference retained from before `rd_kafka_new` until after `rd_kafka_destroy`.
final class ConsumerContext: Sendable {
    /// What is assigned, and which of it the poll thread paused because the buffer was full.
    struct Assignment {
        var partitions: Set<KafkaTopicPartition> = []
        var paused: Set<KafkaTopicPartition> = []
    }

    let buffer: ConsumerEventBuffer
    let readAssignedPartitionsFromBeginning: Bool
    let assignment = Mutex(Assignment())

    init(buffer: ConsumerEventBuffer, readAssignedPartitionsFromBeginning: Bool) {
        self.buffer = buffer
        self.readAssignedPartitionsFromBeginning = readAssignedPartitionsFromBeginning
    }
}
