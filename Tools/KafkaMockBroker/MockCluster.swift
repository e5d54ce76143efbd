import CRdKafka
import Foundation

/// librdkafka's mock cluster plus the client handle that owns it.
///
/// `@unchecked Sendable`: the handles are only touched under `lock`; the rd_kafka_mock_* setters
/// themselves post operations to the cluster's own thread, so holding the lock is short.
final class MockCluster: @unchecked Sendable {
    /// Why the cluster could not start or a command failed.
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private let lock = NSLock()
    private var handle: OpaquePointer?
    private var cluster: OpaquePointer?
    let brokerCount: Int32
    /// `host:port,...` as clients should use it.
    let bootstrapServers: String

    init(brokerCount: Int32, debugContexts: String?) throws(Failure) {
        let conf = rd_kafka_conf_new()
        var errorBuffer = [CChar](repeating: 0, count: 512)
        // log_level 4 hides the notice that this handle has no bootstrap.servers: it needs none.
        var settings = ["client.id": "kafka-mock-broker", "log_level": "4"]
        if let debugContexts {
            settings["debug"] = debugContexts
            settings["log_level"] = "7"
        }
        for (key, value) in settings {
            if rd_kafka_conf_set(conf, key, value, &errorBuffer, errorBuffer.count) != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                throw Failure(description: "config \(key): \(Self.string(errorBuffer))")
            }
        }
        // The host handle itself never connects anywhere: it only owns the mock cluster's threads.
        guard let handle = rd_kafka_new(RD_KAFKA_PRODUCER, conf, &errorBuffer, errorBuffer.count) else {
            rd_kafka_conf_destroy(conf)
            throw Failure(description: "rd_kafka_new: \(Self.string(errorBuffer))")
        }
        guard let cluster = rd_kafka_mock_cluster_new(handle, brokerCount) else {
            rd_kafka_destroy(handle)
            throw Failure(description: "rd_kafka_mock_cluster_new failed")
        }
        self.handle = handle
        self.cluster = cluster
        self.brokerCount = brokerCount
        self.bootstrapServers = String(cString: rd_kafka_mock_cluster_bootstraps(cluster))
    }

    /// Creates a topic; the replication factor defaults to min(brokers, 3).
    func createTopic(name: String, partitions: Int32, replicationFactor: Int32?) throws(Failure) {
        let factor = replicationFactor ?? min(brokerCount, 3)
        try withCluster { cluster throws(Failure) in
            try Self.check(rd_kafka_mock_topic_create(cluster, name, partitions, factor), "create-topic \(name)")
        }
    }

    /// Applies one control command and returns a one-line summary of what was done.
    func apply(_ command: ControlCommand) throws(Failure) -> String {
        try withCluster { cluster throws(Failure) -> String in
            switch command {
            case .brokerDown(let selector):
                for id in ids(selector) {
                    try Self.check(rd_kafka_mock_broker_set_down(cluster, id), "broker-down \(id)")
                }
                return "broker-down \(ids(selector))"
            case .brokerUp(let selector):
                for id in ids(selector) { try Self.check(rd_kafka_mock_broker_set_up(cluster, id), "broker-up \(id)") }
                return "broker-up \(ids(selector))"
            case .brokerRTT(let selector, let milliseconds):
                for id in ids(selector) {
                    try Self.check(rd_kafka_mock_broker_set_rtt(cluster, id, milliseconds), "broker-rtt \(id)")
                }
                return "broker-rtt \(ids(selector)) \(milliseconds)ms"
            case .requestErrors(let apiKey, let errors):
                errors.withUnsafeBufferPointer { buffer in
                    rd_kafka_mock_push_request_errors_array(cluster, apiKey, buffer.count, buffer.baseAddress)
                }
                return "request-errors api=\(apiKey) \(errors.map { Self.name($0) })"
            case .clearErrors(let apiKey):
                rd_kafka_mock_clear_request_errors(cluster, apiKey)
                return "clear-errors api=\(apiKey)"
            case .topicError(let topic, let error):
                rd_kafka_mock_topic_set_error(cluster, topic, error)
                return "topic-error \(topic) \(Self.name(error))"
            case .createTopic(let name, let partitions, let replicationFactor):
                let factor = replicationFactor ?? min(brokerCount, 3)
                try Self.check(rd_kafka_mock_topic_create(cluster, name, partitions, factor), "create-topic \(name)")
                return "create-topic \(name) partitions=\(partitions) rf=\(factor)"
            case .partitionLeader(let topic, let partition, let brokerId):
                try Self.check(
                    rd_kafka_mock_partition_set_leader(cluster, topic, partition, brokerId), "partition-leader")
                return "partition-leader \(topic)[\(partition)] -> \(brokerId)"
            }
        }
    }

    /// Destroys the cluster (closing its listeners) and the host handle. Idempotent.
    func shutdown() {
        lock.lock()
        let cluster = self.cluster
        let handle = self.handle
        self.cluster = nil
        self.handle = nil
        lock.unlock()
        if let cluster { rd_kafka_mock_cluster_destroy(cluster) }
        if let handle { rd_kafka_destroy(handle) }
    }

    private func ids(_ selector: ControlCommand.BrokerSelector) -> [Int32] {
        switch selector {
        case .one(let id): [id]
        case .all: Array(1...brokerCount)
        }
    }

    private func withCluster<T>(_ body: (OpaquePointer) throws(Failure) -> T) throws(Failure) -> T {
        lock.lock()
        defer { lock.unlock() }
        guard let cluster else { throw Failure(description: "cluster is shut down") }
        return try body(cluster)
    }

    private static func check(_ error: rd_kafka_resp_err_t, _ what: String) throws(Failure) {
        guard error == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw Failure(description: "\(what): \(name(error)) (\(String(cString: rd_kafka_err2str(error))))")
        }
    }

    private static func name(_ error: rd_kafka_resp_err_t) -> String {
        String(cString: rd_kafka_err2name(error))
    }

    private static func string(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
