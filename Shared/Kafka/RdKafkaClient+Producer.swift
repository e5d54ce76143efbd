import CRdKafka

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension RdKafkaClient {
    /// What the producer's poll thread takes from the event queue.
    enum ProducerEvent: Sendable {
        /// The delivery report of the message registered under `messageId`.
        case delivery(messageId: UInt, Result<(partition: Int32, offset: Int64), KafkaError>)
        /// A client-level error; fatal ones end the producer's usefulness.
        case error(KafkaError)
    }

    /// Configures delivery reports and errors as events on the main queue: no callback, and so no
    /// Swift object, ever crosses into C.
    static func enableProducerEvents(_ conf: OpaquePointer) {
        rd_kafka_conf_set_events(conf, RD_KAFKA_EVENT_DR | RD_KAFKA_EVENT_ERROR)
    }

    /// Enqueues one message; `messageId` comes back in its delivery report. Non-blocking.
    func produce(
        messageId: UInt, topic: String, partition: Int32?, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader]
    ) throws(KafkaError) {
        try withHandle("produce") { handle throws(KafkaError) in
            // Every pointer handed to rd_kafka_produceva lives in the arena until the call returns;
            // librdkafka copies key, value (RD_KAFKA_MSG_F_COPY) and headers before returning.
            var arena = CArena()
            defer { arena.release() }
            var fields: [rd_kafka_vu_t] = []
            fields.reserveCapacity(6 + headers.count)

            var field = rd_kafka_vu_t()
            field.vtype = RD_KAFKA_VTYPE_TOPIC
            field.u.cstr = UnsafePointer(arena.string(topic))
            fields.append(field)

            field = rd_kafka_vu_t()
            field.vtype = RD_KAFKA_VTYPE_PARTITION
            field.u.i32 = partition ?? -1  // RD_KAFKA_PARTITION_UA: the partitioner picks by key
            fields.append(field)

            if let key {
                field = rd_kafka_vu_t()
                field.vtype = RD_KAFKA_VTYPE_KEY
                field.u.mem.ptr = arena.bytes(key)
                field.u.mem.size = key.count
                fields.append(field)
            }

            field = rd_kafka_vu_t()
            field.vtype = RD_KAFKA_VTYPE_VALUE
            field.u.mem.ptr = arena.bytes(value)
            field.u.mem.size = value.count
            fields.append(field)

            field = rd_kafka_vu_t()
            field.vtype = RD_KAFKA_VTYPE_MSGFLAGS
            field.u.i = RD_KAFKA_MSG_F_COPY
            fields.append(field)

            field = rd_kafka_vu_t()
            field.vtype = RD_KAFKA_VTYPE_OPAQUE
            field.u.ptr = UnsafeMutableRawPointer(bitPattern: messageId)
            fields.append(field)

            for header in headers {
                field = rd_kafka_vu_t()
                field.vtype = RD_KAFKA_VTYPE_HEADER
                field.u.header.name = UnsafePointer(arena.string(header.key))
                if let bytes = header.value {
                    field.u.header.val = UnsafeRawPointer(arena.bytes(bytes))
                    field.u.header.size = bytes.count
                } else {
                    field.u.header.val = nil
                    field.u.header.size = 0
                }
                fields.append(field)
            }

            let error = fields.withUnsafeBufferPointer { buffer in
                rd_kafka_produceva(handle, buffer.baseAddress, buffer.count)
            }
            if let error { throw KafkaError(consuming: error, "produce to \(topic)") }
        }
    }

    /// Waits up to `timeoutMilliseconds` for one event of the main queue. Poll thread only.
    func pollProducerEvents(timeoutMilliseconds: Int32) -> [ProducerEvent] {
        guard let eventQueue, let event = rd_kafka_queue_poll(eventQueue, timeoutMilliseconds) else { return [] }
        defer { rd_kafka_event_destroy(event) }
        switch rd_kafka_event_type(event) {
        case RD_KAFKA_EVENT_DR:
            var reports: [ProducerEvent] = []
            while let message = rd_kafka_event_message_next(event) {
                let messageId = UInt(bitPattern: message.pointee._private)
                let error = message.pointee.err
                if error == RD_KAFKA_RESP_ERR_NO_ERROR {
                    reports.append(
                        .delivery(messageId: messageId, .success((message.pointee.partition, message.pointee.offset))))
                } else {
                    reports.append(.delivery(messageId: messageId, .failure(KafkaError(error, "delivery"))))
                }
            }
            return reports
        case RD_KAFKA_EVENT_ERROR:
            var error = KafkaError(rd_kafka_event_error(event), "producer")
            if let text = rd_kafka_event_error_string(event) { error.message = "producer: \(String(cString: text))" }
            if rd_kafka_event_error_is_fatal(event) != 0 {
                var reason = [CChar](repeating: 0, count: 512)
                let underlying = rd_kafka_fatal_error(handle, &reason, reason.count)
                error = KafkaError(underlying, "fatal producer error: \(Self.string(from: reason))")
                error.code = .fatal
                error.isFatal = true
                error.isRetriable = false
            }
            return [.error(error)]
        default:
            return []
        }
    }

    /// Waits until every queued message got its delivery report (served by the poll thread). Blocking.
    func flush(timeout: Duration) throws(KafkaError) {
        try withHandle("flush") { handle throws(KafkaError) in
            let error = rd_kafka_flush(handle, timeout.kafkaMilliseconds)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(error, "flush") }
        }
    }

    /// Purges queued and in-flight messages; their delivery reports fail with `.purged`.
    func purgeAll() {
        _ = try? withHandle("purge") { handle in
            _ = rd_kafka_purge(handle, RD_KAFKA_PURGE_F_QUEUE | RD_KAFKA_PURGE_F_INFLIGHT)
        }
    }

    /// Messages and events librdkafka still holds.
    func outstandingCount() -> Int {
        (try? withHandle("outq") { handle in Int(rd_kafka_outq_len(handle)) }) ?? 0
    }
}

/// C memory that lives until `release()`: strings and byte copies for one C call.
struct CArena {
    private var allocations: [UnsafeMutableRawPointer] = []

    /// A NUL-terminated copy of `text`.
    mutating func string(_ text: String) -> UnsafeMutablePointer<CChar> {
        let copy = strdup(text)!
        allocations.append(UnsafeMutableRawPointer(copy))
        return copy
    }

    /// A copy of `bytes`; never nil, even when empty, so an empty value stays distinct from null.
    mutating func bytes(_ bytes: [UInt8]) -> UnsafeMutableRawPointer {
        let copy = malloc(max(bytes.count, 1))!
        bytes.withUnsafeBytes { source in
            if let base = source.baseAddress { copy.copyMemory(from: base, byteCount: source.count) }
        }
        allocations.append(copy)
        return copy
    }

    mutating func release() {
        for allocation in allocations { free(allocation) }
        allocations.removeAll()
    }
}
