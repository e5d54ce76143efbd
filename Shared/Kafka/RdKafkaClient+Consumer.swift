import CRdKafka
import Foundation

extension RdKafkaClient {
    /// What one `rd_kafka_consumer_poll` produced.
    enum ConsumerPollResult: Sendable {
        case record(KafkaRecord)
        case error(KafkaError)
    }

    /// Creates a consumer handle whose rebalance and error callbacks reach `context` through the
    /// configuration opaque. The caller keeps `context` retained until after `retireAndDestroy()`.
    static func makeConsumer(
        properties: [(String, String)], logHandler: KafkaLogHandler?, context: Unmanaged<ConsumerContext>
    ) throws(KafkaError) -> RdKafkaClient {
        try RdKafkaClient(kind: .consumer, properties: properties, logHandler: logHandler) { conf in
            rd_kafka_conf_set_opaque(conf, context.toOpaque())
            rd_kafka_conf_set_rebalance_cb(conf) { handle, error, partitions, opaque in
                guard let handle, let opaque else { return }
                let context = Unmanaged<ConsumerContext>.fromOpaque(opaque).takeUnretainedValue()
                RdKafkaClient.rebalance(handle: handle, error: error, list: partitions, context: context)
            }
            rd_kafka_conf_set_error_cb(conf) { _, error, reason, opaque in
                guard let opaque else { return }
                let context = Unmanaged<ConsumerContext>.fromOpaque(opaque).takeUnretainedValue()
                var kafkaError = KafkaError(rd_kafka_resp_err_t(rawValue: error), "consumer")
                if let reason { kafkaError.message = "consumer: \(String(cString: reason))" }
                context.buffer.push(.error(kafkaError))
            }
        }
    }

    /// Routes the main queue (callbacks) into the consumer queue and subscribes.
    func subscribe(topics: [String]) throws(KafkaError) {
        try withHandle("subscribe") { handle throws(KafkaError) in
            rd_kafka_poll_set_consumer(handle)
            let list = Self.makeList(topics.map { KafkaTopicPartition(topic: $0, partition: -1) })  // RD_KAFKA_PARTITION_UA
            defer { rd_kafka_topic_partition_list_destroy(list) }
            let error = rd_kafka_subscribe(handle, list)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(error, "subscribe \(topics)") }
        }
    }

    /// One poll of the consumer queue; serves rebalance and error callbacks. Poll thread only.
    func consumerPoll(timeoutMilliseconds: Int32) -> ConsumerPollResult? {
        guard let message = rd_kafka_consumer_poll(handle, timeoutMilliseconds) else { return nil }
        defer { rd_kafka_message_destroy(message) }
        let error = message.pointee.err
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            var kafkaError = KafkaError(error, "consume")
            if let text = rd_kafka_message_errstr(message) { kafkaError.message = "consume: \(String(cString: text))" }
            return .error(kafkaError)
        }
        return .record(Self.record(from: message))
    }

    /// Commits the stored offsets and waits for the answer. `_NO_OFFSET` (nothing stored) is success.
    func commitStoredOffsets() throws(KafkaError) {
        try withHandle("commit") { handle throws(KafkaError) in
            let error = rd_kafka_commit(handle, nil, 0)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR || error == RD_KAFKA_RESP_ERR__NO_OFFSET else {
                throw KafkaError(error, "commit")
            }
        }
    }

    /// Leaves the group: revokes the assignment through the rebalance callback (which commits),
    /// then returns. Blocking; poll thread only.
    func closeConsumer() -> KafkaError? {
        let error = rd_kafka_consumer_close(handle)
        return error == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(error, "consumer close")
    }

    /// Stores `offset` as the next offset to commit for `partition`.
    func storeOffset(_ offset: Int64, for partition: KafkaTopicPartition) throws(KafkaError) {
        try withHandle("store offset") { handle throws(KafkaError) in
            let list = Self.makeList([partition])
            defer { rd_kafka_topic_partition_list_destroy(list) }
            list.pointee.elems[0].offset = offset
            var error = rd_kafka_offsets_store(handle, list)
            if error == RD_KAFKA_RESP_ERR_NO_ERROR { error = list.pointee.elems[0].err }
            switch error {
            case RD_KAFKA_RESP_ERR_NO_ERROR:
                return
            case RD_KAFKA_RESP_ERR__STATE, RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
                var kafkaError = KafkaError(error, "store offset \(offset) for \(partition)")
                kafkaError.code = .partitionNotAssigned
                throw kafkaError
            default:
                throw KafkaError(error, "store offset \(offset) for \(partition)")
            }
        }
    }

    /// Pauses or resumes fetching for `partitions`. Poll thread only.
    func setPaused(_ paused: Bool, _ partitions: Set<KafkaTopicPartition>) {
        guard !partitions.isEmpty else { return }
        let list = Self.makeList(partitions.sorted())
        defer { rd_kafka_topic_partition_list_destroy(list) }
        _ = paused ? rd_kafka_pause_partitions(handle, list) : rd_kafka_resume_partitions(handle, list)
    }

    // MARK: Rebalance callback

    /// librdkafka's rebalance callback, running on the poll thread inside `rd_kafka_consumer_poll`
    /// or `rd_kafka_consumer_close`.
    static func rebalance(
        handle: OpaquePointer, error: rd_kafka_resp_err_t,
        list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, context: ConsumerContext
    ) {
        let partitions = list.map { Self.partitions(in: $0) } ?? []
        let cooperative = String(cString: rd_kafka_rebalance_protocol(handle)) == "COOPERATIVE"
        switch error {
        case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
            if context.readAssignedPartitionsFromBeginning, let list {
                for index in 0..<Int(list.pointee.cnt) {
                    list.pointee.elems[index].offset = Int64(RD_KAFKA_OFFSET_BEGINNING)
                }
            }
            if let failure = assign(handle: handle, list: list, cooperative: cooperative) {
                context.buffer.push(.error(failure))
            }
            context.assignment.withLock { assignment in
                if !cooperative {
                    assignment.partitions.removeAll()
                    assignment.paused.removeAll()
                }
                assignment.partitions.formUnion(partitions)
            }
            context.buffer.push(.assigned(partitions))

        case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
            // Commit what the application stored before giving the partitions away, or a rebalance
            // loses it (REBALANCE_IN_PROGRESS / _NO_OFFSET later).
            let commitError = rd_kafka_commit(handle, nil, 0)
            if commitError != RD_KAFKA_RESP_ERR_NO_ERROR, commitError != RD_KAFKA_RESP_ERR__NO_OFFSET {
                context.buffer.push(.error(KafkaError(commitError, "commit on revoke")))
            }
            let revoked = Set(partitions)
            // librdkafka keeps an application pause across unassign/assign: lift ours now, or a
            // partition assigned to us again later would stay paused forever.
            let pausedRevoked = context.assignment.withLock { assignment in
                let paused = assignment.paused.intersection(revoked)
                assignment.paused.subtract(revoked)
                assignment.partitions.subtract(revoked)
                return paused
            }
            if !pausedRevoked.isEmpty {
                let pausedList = makeList(pausedRevoked.sorted())
                rd_kafka_resume_partitions(handle, pausedList)
                rd_kafka_topic_partition_list_destroy(pausedList)
            }
            context.buffer.discardRecords(of: revoked)
            context.buffer.push(.revoked(partitions))
            if let failure = unassign(handle: handle, list: list, cooperative: cooperative) {
                context.buffer.push(.error(failure))
            }

        default:
            context.buffer.push(.error(KafkaError(error, "rebalance")))
            _ = unassign(handle: handle, list: list, cooperative: false)
            context.assignment.withLock { $0 = ConsumerContext.Assignment() }
        }
    }

    private static func assign(
        handle: OpaquePointer, list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, cooperative: Bool
    ) -> KafkaError? {
        if cooperative {
            guard let error = rd_kafka_incremental_assign(handle, list) else { return nil }
            return KafkaError(consuming: error, "incremental assign")
        }
        let error = rd_kafka_assign(handle, list)
        return error == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(error, "assign")
    }

    private static func unassign(
        handle: OpaquePointer, list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?, cooperative: Bool
    ) -> KafkaError? {
        if cooperative {
            guard let error = rd_kafka_incremental_unassign(handle, list) else { return nil }
            return KafkaError(consuming: error, "incremental unassign")
        }
        let error = rd_kafka_assign(handle, nil)
        return error == RD_KAFKA_RESP_ERR_NO_ERROR ? nil : KafkaError(error, "unassign")
    }

    // MARK: Conversions

    static func makeList(_ partitions: [KafkaTopicPartition]) -> UnsafeMutablePointer<rd_kafka_topic_partition_list_t> {
        let list = rd_kafka_topic_partition_list_new(Int32(max(partitions.count, 1)))!
        for partition in partitions {
            rd_kafka_topic_partition_list_add(list, partition.topic, partition.partition)
        }
        return list
    }

    static func partitions(in list: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) -> [KafkaTopicPartition] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return KafkaTopicPartition(topic: String(cString: element.topic), partition: element.partition)
        }
    }

    static func record(from message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaRecord {
        let pointee = message.pointee
        let topic = pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        let key = pointee.key.map { Array(UnsafeRawBufferPointer(start: $0, count: pointee.key_len)) }
        let value = pointee.payload.map { Array(UnsafeRawBufferPointer(start: $0, count: pointee.len)) } ?? []

        var headers: [KafkaHeader] = []
        var headerList: OpaquePointer?
        if rd_kafka_message_headers(message, &headerList) == RD_KAFKA_RESP_ERR_NO_ERROR, let headerList {
            var index = 0
            var name: UnsafePointer<CChar>?
            var bytes: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(headerList, index, &name, &bytes, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let headerValue = bytes.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
                headers.append(KafkaHeader(key: name.map { String(cString: $0) } ?? "", value: headerValue))
                index += 1
            }
        }

        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let milliseconds = rd_kafka_message_timestamp(message, &timestampType)
        let timestamp =
            timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE || milliseconds < 0
            ? nil : Date(timeIntervalSince1970: Double(milliseconds) / 1000)

        return KafkaRecord(
            topic: topic, partition: pointee.partition, offset: pointee.offset, key: key, value: value,
            headers: headers, timestamp: timestamp)
    }
}
