import Foundation
import Kafka
import Messaging
import ServiceRuntime
import TestSupport
import Testing

@testable import EventBus

/// `DeadLetterPublisher` against a private broker: too-large letters are truncated (ahead of time,
/// or after the producer refused them) and acknowledged; permanent errors are told from outages.
@Suite("DeadLetterPublisher")
struct DeadLetterPublisherTests {
    static let logger = Logger(service: "test", instance: "dlq", sink: .discard)

    /// A 300 kB source record, far over the limits below.
    static let record = KafkaRecord(
        topic: Topic.slots, partition: 2, offset: 41, key: Array("c1:s1".utf8),
        value: Array(String(repeating: "{\"slot\":\"x\"} ", count: 23_000).utf8),
        headers: [KafkaHeader(key: "schema", value: Array("slot.found".utf8))])

    func withPublisher(
        producerMax: Int, publisherMax: Int, _ body: (DeadLetterPublisher, MetricsRegistry, TestBroker) async throws -> Void
    ) async throws {
        let broker = try await TestBroker.start()
        var config = KafkaProducerConfiguration(bootstrapServers: broker.bootstrap, clientId: "dlq-test")
        config.extra["message.max.bytes"] = String(producerMax)
        config.messageTimeout = .seconds(10)
        let producer = try KafkaProducer(configuration: config)
        let metrics = MetricsRegistry()
        let publisher = DeadLetterPublisher(
            bus: BusPublisher(producer: producer, identity: ProducerIdentity(service: "notifier", instance: "t")),
            consumer: "notifier (group notifier)", logger: Self.logger, metrics: metrics, maxMessageBytes: publisherMax,
            backoff: Backoff(initial: .milliseconds(10), max: .milliseconds(50)))
        do {
            try await body(publisher, metrics, broker)
        } catch {
            await producer.close()
            await broker.stop()
            throw error
        }
        await producer.close()
        await broker.stop()
    }

    func readLetter(_ broker: TestBroker) async throws -> DeadLetterV1 {
        var config = KafkaConsumerConfiguration(
            bootstrapServers: broker.bootstrap, groupId: "dlq-reader-\(UUID().uuidString.prefix(6))", clientId: "dlq-reader",
            topics: [Topic.deadLetter])
        config.sessionTimeout = .seconds(6)
        config.heartbeatInterval = .seconds(1)
        let consumer = try KafkaConsumer(configuration: config)
        let reader = Task { () -> KafkaRecord? in
            for try await event in consumer.events { if case .message(let record) = event { return record } }
            return nil
        }
        let timeout = Task {
            try await Task.sleep(for: .seconds(30))
            reader.cancel()
        }
        let record = try await reader.value
        timeout.cancel()
        await consumer.close()
        let value = try #require(record).value
        guard case .deadLetter(let envelope) = try MessageDecoder(accepting: [DeadLetterV1.schema]).decode(value: value, headers: [])
        else { throw KafkaError(code: .invalidArgument, message: "not a dead letter") }
        return envelope.payload
    }

    func check(_ letter: DeadLetterV1, under limit: Int) {
        #expect(letter.truncated == true)
        #expect(letter.originalValueLength == Self.record.value.count)
        #expect(letter.originalValueSHA256 == SHA256.hex(Self.record.value))
        #expect(
            !letter.originalValue.isEmpty && letter.originalValue.count < limit
                && Array(Self.record.value.prefix(letter.originalValue.count)) == letter.originalValue)
        #expect(letter.reason == .processingFailed && letter.sourceOffset == 41 && letter.sourcePartition == 2)
    }

    @Test("a letter over our configured limit is truncated before it is sent", .timeLimit(.minutes(1)))
    func truncatedAhead() async throws {
        try await withPublisher(producerMax: 20_000, publisherMax: 20_000) { publisher, metrics, broker in
            try await publisher.deadLetter(
                Self.record, reason: .processingFailed, detail: "PostgresError(queryFailed, sqlState: P0001): refused")
            check(try await readLetter(broker), under: 20_000)
            #expect(metrics.render().contains(#"slothunter_deadletter_truncated_total{service="notifier"} 1"#))
            #expect(metrics.render().contains(#"slothunter_deadletter_total{reason="processing_failed",service="notifier"} 1"#))
        }
    }

    @Test(
        "a letter the producer refuses as too large is truncated further and sent again, not retried forever",
        .timeLimit(.minutes(1)))
    func truncatedAfterRefusal() async throws {
        // The publisher believes 1 MB is allowed; the producer (as a broker would) takes 20 kB.
        try await withPublisher(producerMax: 20_000, publisherMax: 1_000_000) { publisher, metrics, broker in
            try await publisher.deadLetter(Self.record, reason: .processingFailed, detail: "refused")
            check(try await readLetter(broker), under: 20_000)
            #expect(metrics.render().contains(#"slothunter_deadletter_truncated_total{service="notifier"} 1"#))
        }
    }

    @Test("permanent broker errors are told from outages")
    func classification() {
        #expect(DeadLetterPublisher.isPermanent(KafkaError(code: .messageTooLarge, message: "")))
        #expect(DeadLetterPublisher.isPermanent(KafkaError(code: .unknownTopicOrPartition, message: "", isRetriable: false)))
        #expect(DeadLetterPublisher.isPermanent(KafkaError(code: .notAuthorized, message: "")))
        #expect(DeadLetterPublisher.isPermanent(KafkaError(code: .broker, message: "", isFatal: true)))
        #expect(!DeadLetterPublisher.isPermanent(KafkaError(code: .unknownTopicOrPartition, message: "", isRetriable: true)))
        #expect(!DeadLetterPublisher.isPermanent(KafkaError(code: .transport, message: "", isRetriable: true)))
        #expect(!DeadLetterPublisher.isPermanent(KafkaError(code: .messageTimedOut, message: "", isRetriable: true)))
    }
}
