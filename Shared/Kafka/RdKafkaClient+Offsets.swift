import CRdKafka

extension RdKafkaClient {
    /// Low and high watermark of `partition`, asked from its leader (ListOffsets). Blocking for up
    /// to `timeout`.
    func queryWatermarks(
        of partition: KafkaTopicPartition, timeout: Duration
    ) throws(KafkaError) -> (
        low: Int64, high: Int64
    ) {
        try withHandle("query watermarks") { handle throws(KafkaError) in
            var low: Int64 = 0
            var high: Int64 = 0
            let error = rd_kafka_query_watermark_offsets(
                handle, partition.topic, partition.partition, &low, &high, timeout.kafkaMilliseconds)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(error, "watermarks of \(partition)") }
            return (low, high)
        }
    }

    /// The group's committed offsets of `partitions` (nil where nothing is committed), from the
    /// group coordinator (OffsetFetch). Blocking for up to `timeout`.
    func committedOffsets(
        of partitions: [KafkaTopicPartition], timeout: Duration
    ) throws(KafkaError) -> [KafkaTopicPartition: Int64] {
        guard !partitions.isEmpty else { return [:] }
        return try withHandle("committed offsets") { handle throws(KafkaError) in
            let list = Self.makeList(partitions)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let error = rd_kafka_committed(handle, list, timeout.kafkaMilliseconds)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(error, "committed offsets") }
            return try Self.offsets(in: list, "committed offset", skippingPartitionErrors: false)
        }
    }

    /// This consumer's current positions of `partitions` (nil where it has received nothing yet).
    /// Local state: does not block.
    func positions(of partitions: [KafkaTopicPartition]) throws(KafkaError) -> [KafkaTopicPartition: Int64] {
        guard !partitions.isEmpty else { return [:] }
        return try withHandle("positions") { handle throws(KafkaError) in
            let list = Self.makeList(partitions)
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let error = rd_kafka_position(handle, list)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(error, "positions") }
            // A partition revoked since the caller looked at the assignment has no position: skip it.
            return try Self.offsets(in: list, "position", skippingPartitionErrors: true)
        }
    }

    /// The valid (non-negative) offsets of a list filled in by librdkafka. Logical offsets
    /// (`RD_KAFKA_OFFSET_INVALID`: nothing) are left out; a partition-level error is thrown, or
    /// skipped like a missing offset.
    private static func offsets(
        in list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>, _ what: String,
        skippingPartitionErrors: Bool
    ) throws(KafkaError) -> [KafkaTopicPartition: Int64] {
        var offsets: [KafkaTopicPartition: Int64] = [:]
        for index in 0..<Int(list.pointee.cnt) {
            let element = list.pointee.elems[index]
            let partition = KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
            guard element.err == RD_KAFKA_RESP_ERR_NO_ERROR else {
                if skippingPartitionErrors { continue }
                throw KafkaError(element.err, "\(what) of \(partition)")
            }
            if element.offset >= 0 { offsets[partition] = element.offset }
        }
        return offsets
    }
}
