extension KafkaConsumer {
    /// The group's lag on every partition assigned to this consumer, sorted by topic and partition
    /// (empty while nothing is assigned).
    ///
    /// Asks the group coordinator for the committed offsets (one OffsetFetch) and each partition's
    /// leader for its watermarks (one ListOffsets per partition), on the consumer's blocking queue,
    /// never on the cooperative pool. `timeout` bounds the whole measurement; a failed or timed-out
    /// request fails the call (`.timedOut`, `.transport`, ... are retriable; `.closed` after close).
    public func lag(timeout: Duration) async throws(KafkaError) -> [KafkaPartitionLag] {
        let partitions = assignment()
        guard !partitions.isEmpty else { return [] }
        return try await executor.run { [client] in
            Result { () throws(KafkaError) in
                try Self.measureLag(client: client, partitions: partitions, timeout: timeout)
            }
        }
    }

    /// The oldest retained offset (`low`) and the offset the next record will get (`high`) of
    /// `partition`, asked from its leader. Any partition of the cluster, assigned or not.
    public func watermarks(
        for partition: KafkaTopicPartition, timeout: Duration
    ) async throws(KafkaError) -> (low: Int64, high: Int64) {
        try await executor.run { [client] in
            Result { () throws(KafkaError) in try client.queryWatermarks(of: partition, timeout: timeout) }
        }
    }

    /// Blocking: runs on the executor.
    private static func measureLag(
        client: RdKafkaClient, partitions: [KafkaTopicPartition], timeout: Duration
    ) throws(KafkaError) -> [KafkaPartitionLag] {
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        let committed = try client.committedOffsets(of: partitions, timeout: deadline - clock.now)
        let positions = try client.positions(of: partitions)
        var lags: [KafkaPartitionLag] = []
        lags.reserveCapacity(partitions.count)
        for partition in partitions {
            let (low, high) = try client.queryWatermarks(of: partition, timeout: deadline - clock.now)
            lags.append(
                KafkaPartitionLag(
                    topic: partition.topic, partition: partition.partition, lowWatermark: low, highWatermark: high,
                    committed: committed[partition], position: positions[partition]))
        }
        return lags
    }
}
