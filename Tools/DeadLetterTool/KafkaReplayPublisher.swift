import Kafka

/// Publishes replayed messages with an idempotent Kafka producer (`acks=all`).
public struct KafkaReplayPublisher: ReplayPublishing {
    private let producer: KafkaProducer
    private let bootstrapServers: String

    /// Creates the producer (it connects in the background).
    public init(bootstrapServers: String) throws(DeadLetterToolError) {
        var configuration = KafkaProducerConfiguration(bootstrapServers: bootstrapServers, clientId: "deadletter-cli")
        configuration.messageTimeout = .seconds(30)
        // Failures reach the operator as the send's error, not as librdkafka's log lines.
        configuration.extra = ["log_level": "2"]
        do {
            producer = try KafkaProducer(configuration: configuration)
        } catch {
            throw DeadLetterToolError(code: .kafka, message: "cannot create the Kafka producer: \(error)")
        }
        self.bootstrapServers = bootstrapServers
    }

    public func partitionCount(of topic: String) async throws(DeadLetterToolError) -> Int? {
        do {
            return try await producer.partitionCount(topic: topic, timeout: .seconds(10))
        } catch  where error.code == .unknownTopicOrPartition {
            return nil
        } catch {
            throw DeadLetterToolError(
                code: error.isRetriable ? .brokerUnavailable : .kafka,
                message: "cannot read the metadata of \(topic) from \(bootstrapServers): \(error)",
                isRetriable: error.isRetriable)
        }
    }

    public func publish(_ message: ReplayMessage, partition: Int32?) async throws(DeadLetterToolError) -> ReplayReceipt {
        let headers = message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) }
        do {
            let report = try await producer.send(
                topic: message.topic, key: message.key, value: message.value, headers: headers, partition: partition)
            return ReplayReceipt(partition: report.partition, offset: report.offset)
        } catch {
            throw DeadLetterToolError(
                code: .replayFailed, message: "sending \(message.deadLetter) to \(message.topic) failed: \(error)",
                isRetriable: error.isRetriable)
        }
    }

    public func close() async {
        await producer.close()
    }
}
