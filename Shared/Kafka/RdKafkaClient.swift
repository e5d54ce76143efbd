import Synchronization
import CRdKafka

/// The only type that calls librdkafka: wraps one `rd_kafka_t` and converts between C and Swift.
///
/// `@unchecked Sendable`: librdkafka documents `rd_kafka_t` as thread-safe. Its lifetime is the
/// only hazard; calls from other threads hold a lease on `handleGuard`, and the owner (a poll
/// thread or a close path) calls `retireAndDestroy()` once, after its own last use.
final class RdKafkaClient: @unchecked Sendable {
    /// Which kind of librdkafka handle to create.
    enum Kind {
        case producer
        case consumer
    }

    let handle: OpaquePointer
    let handleGuard = HandleGuard()
    private let destroyed = Mutex(false)
    /// Producer only: the main queue where delivery reports arrive as events.
    let eventQueue: OpaquePointer?
    /// With a log handler: the queue librdkafka's log lines are forwarded to (`log.queue=true`),
    /// drained by the owner's poll thread through `deliverLogs`.
    let logQueue: OpaquePointer?
    /// Receives the lines of `logQueue`; nil leaves librdkafka's logging alone (stderr).
    let logHandler: KafkaLogHandler?

    /// Creates a handle from `properties` (applied in order, later wins). `prepare` may register
    /// callbacks or events on the configuration before the handle exists. With `logHandler`, log
    /// lines go to a queue of their own instead of stderr; the owner must call `deliverLogs`.
    init(
        kind: Kind, properties: [(String, String)], logHandler: KafkaLogHandler? = nil,
        prepare: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) {
        guard let conf = rd_kafka_conf_new() else {
            throw KafkaError(code: .invalidConfiguration, message: "rd_kafka_conf_new failed")
        }
        var errorText = [CChar](repeating: 0, count: 512)
        // log.queue last, so that `extra` cannot send the lines back to stderr behind the handler's back.
        let logProperties = logHandler == nil ? [] : [("log.queue", "true")]
        for (key, value) in properties + logProperties {
            if rd_kafka_conf_set(conf, key, value, &errorText, errorText.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw KafkaError(
                    code: .invalidConfiguration, message: "\(key): \(Self.string(from: errorText))")
            }
        }
        prepare(conf)
        let type = kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER
        // rd_kafka_new takes ownership of conf only on success.
        guard let handle = rd_kafka_new(type, conf, &errorText, errorText.count) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError(code: .invalidConfiguration, message: "rd_kafka_new: \(Self.string(from: errorText))")
        }
        if logHandler != nil {
            // Lines logged while rd_kafka_new ran wait in librdkafka's log queue and move over here.
            // Neither call fails with log.queue=true; if one did, the handle has not connected to
            // anything yet, so destroying it here is quick.
            guard let queue = rd_kafka_queue_new(handle) else {
                rd_kafka_destroy(handle)
                throw KafkaError(code: .invalidConfiguration, message: "rd_kafka_queue_new failed")
            }
            let error = rd_kafka_set_log_queue(handle, queue)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
                rd_kafka_queue_destroy(queue)
                rd_kafka_destroy(handle)
                throw KafkaError(error, "set log queue")
            }
            self.logQueue = queue
        } else {
            self.logQueue = nil
        }
        self.handle = handle
        self.logHandler = logHandler
        self.eventQueue = kind == .producer ? rd_kafka_queue_get_main(handle) : nil
    }

    /// Runs `body` with a lease on the handle; throws `.closed` once the handle is retired.
    func withHandle<Result>(
        _ operation: String, _ body: (OpaquePointer) throws(KafkaError) -> Result
    ) throws(KafkaError) -> Result {
        let handle = self.handle
        guard let result = try handleGuard.withLease({ () throws(KafkaError) -> Result in try body(handle) }) else {
            throw KafkaError(code: .closed, message: "\(operation): client is closed")
        }
        return result
    }

    /// Waits for leases to end, then destroys the handle. Blocking; idempotent.
    func retireAndDestroy() {
        handleGuard.retire()
        let first = destroyed.withLock { destroyed in
            defer { destroyed = true }
            return !destroyed
        }
        guard first else { return }
        // Destroying the log queue first disables it: lines librdkafka logs while shutting down
        // are dropped rather than printed.
        if let logQueue { rd_kafka_queue_destroy(logQueue) }
        if let eventQueue { rd_kafka_queue_destroy(eventQueue) }
        rd_kafka_destroy(handle)
    }

    /// Partition counts by topic name from a Metadata request. Blocking for up to `timeout`.
    ///
    /// `allTopics: false` asks only about locally known topics: a cheap reachability probe.
    func metadata(allTopics: Bool, timeout: Duration) throws(KafkaError) -> [String: Int] {
        try withHandle("metadata") { handle throws(KafkaError) in
            var metadata: UnsafePointer<rd_kafka_metadata>?
            let error = rd_kafka_metadata(handle, allTopics ? 1 : 0, nil, &metadata, timeout.kafkaMilliseconds)
            guard error == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata else {
                throw KafkaError(error, "metadata request")
            }
            defer { rd_kafka_metadata_destroy(metadata) }
            var counts: [String: Int] = [:]
            let topics = metadata.pointee.topics
            for index in 0..<Int(metadata.pointee.topic_cnt) {
                guard let topic = topics?[index], topic.err == RD_KAFKA_RESP_ERR_NO_ERROR || topic.partition_cnt > 0
                else { continue }
                counts[String(cString: topic.topic)] = Int(topic.partition_cnt)
            }
            return counts
        }
    }

    static func string(from buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
