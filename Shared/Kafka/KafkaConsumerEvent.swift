/// What a consumer's `events` sequence yields.
public enum KafkaConsumerEvent: Sendable {
    /// A record to process; call `storeOffset` on the consumer once it is handled.
    case message(KafkaRecord)
    /// The group gave this consumer these partitions (the complete new assignment).
    case assigned([KafkaTopicPartition])
    /// These partitions were taken away; stored offsets were committed first.
    case revoked([KafkaTopicPartition])
    /// A consumer-level error; most are transient (`isRetriable`) and the consumer keeps going.
    case error(KafkaError)
}
