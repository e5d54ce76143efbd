import Foundation
import Synchronization
import Kafka
import ServiceRuntime
import TestSupport
import Testing

@testable import EventBus

@Suite("ConsumerLagMonitor")
struct ConsumerLagMonitorTests {
    private static func lag(_ partition: Int32, high: Int64, committed: Int64?) -> KafkaPartitionLag {
        KafkaPartitionLag(
            topic: "t", partition: partition, lowWatermark: 0, highWatermark: high, committed: committed, position: nil)
    }

    private static func value(_ metrics: MetricsRegistry, group: String, topic: String, partition: Int32) -> Double {
        metrics.gauge(
            ConsumerLagMonitor.metricName, help: "",
            labels: ["group": group, "topic": topic, "partition": String(partition)]
        ).value
    }

    @Test("sets one gauge per partition and zeroes revoked partitions")
    func publishes() {
        let metrics = MetricsRegistry()
        let monitor = ConsumerLagMonitor(
            group: "g", metrics: metrics, logger: Logger(service: "test", instance: "1", sink: .discard)
        ) { _ throws(KafkaError) in [] }
        var reported = monitor.publish(
            [Self.lag(0, high: 10, committed: 4), Self.lag(1, high: 3, committed: nil)], previouslyReported: [])
        #expect(Self.value(metrics, group: "g", topic: "t", partition: 0) == 6)
        #expect(Self.value(metrics, group: "g", topic: "t", partition: 1) == 3)
        reported = monitor.publish([Self.lag(0, high: 12, committed: 10)], previouslyReported: reported)
        #expect(reported == [KafkaTopicPartition(topic: "t", partition: 0)])
        #expect(Self.value(metrics, group: "g", topic: "t", partition: 0) == 2)
        #expect(Self.value(metrics, group: "g", topic: "t", partition: 1) == 0)
        #expect(
            metrics.render().contains(#"slothunter_kafka_consumer_lag{group="g",partition="0",topic="t"} 2"#))
    }

    @Test("basis .position publishes positionLag")
    func positionBasis() {
        let metrics = MetricsRegistry()
        let monitor = ConsumerLagMonitor(
            group: "scraper", metrics: metrics, logger: Logger(service: "test", instance: "1", sink: .discard),
            basis: .position
        ) { _ throws(KafkaError) in [] }
        let lag = KafkaPartitionLag(
            topic: "t", partition: 2, lowWatermark: 0, highWatermark: 10, committed: nil, position: 9)
        _ = monitor.publish([lag], previouslyReported: [])
        #expect(Self.value(metrics, group: "scraper", topic: "t", partition: 2) == 1)
    }

    @Test("keeps measuring after failures, logs the first, and returns when cancelled")
    func runLoop() async throws {
        let metrics = MetricsRegistry()
        let buffer = LogBuffer()
        let calls = CallCounter()
        let monitor = ConsumerLagMonitor(
            group: "g", metrics: metrics, logger: Logger(service: "test", instance: "1", sink: .buffer(buffer)),
            interval: .milliseconds(20)
        ) { _ throws(KafkaError) in
            let call = calls.next()
            if call < 3 { throw KafkaError(code: .timedOut, message: "no answer", isRetriable: true) }
            return [Self.lag(0, high: 7, committed: 2)]
        }
        let running = Task { try await monitor.run() }
        try? await eventually(within: .seconds(20), every: .milliseconds(20), "a lag of 5") {
            Self.value(metrics, group: "g", topic: "t", partition: 0) == 5
        }
        running.cancel()
        try await running.value
        #expect(Self.value(metrics, group: "g", topic: "t", partition: 0) == 5)
        let lines = buffer.lines
        #expect(lines.filter { $0.contains("could not measure consumer lag") }.count == 1)
        #expect(lines.contains { $0.contains("consumer lag measurable again") })
    }

    @Test(
        "publishes the real lag of a consumer: produced minus committed",
        .enabled(if: TestEnvironment.hasKafka), .timeLimit(.minutes(2)))
    func realConsumer() async throws {
        let bootstrap = try TestEnvironment.requireKafkaBootstrap()
        let suffix = UUID().uuidString.prefix(8).lowercased()
        let topic = "test.lagmonitor.\(suffix)"
        let group = "test.lagmonitor-group.\(suffix)"
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(bootstrapServers: bootstrap, clientId: "lag-p"))
        for index in 0..<8 {
            _ = try await producer.send(topic: topic, key: nil, value: Array("m\(index)".utf8), partition: 0)
        }
        await producer.close()

        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: bootstrap, groupId: group, clientId: "lag-c", topics: [topic])
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(1)
        configuration.extra = ["fetch.wait.max.ms": "100", "topic.metadata.refresh.interval.ms": "1000"]
        let consumer = try KafkaConsumer(configuration: configuration)
        let metrics = MetricsRegistry()
        let monitor = ConsumerLagMonitor(
            consumer: consumer, group: group, metrics: metrics,
            logger: Logger(service: "test", instance: "1", sink: .discard), interval: .milliseconds(200))
        let running = Task { try await monitor.run() }

        var seen = 0
        for await event in consumer.events {
            guard case .message(let record) = event, record.partition == 0 else { continue }
            seen += 1
            if seen <= 3 { try consumer.storeOffset(record) }
            if seen == 8 { break }
        }
        try await consumer.commitStored()
        try? await eventually(within: .seconds(30), every: .milliseconds(100), "a lag of 5") {
            Self.value(metrics, group: group, topic: topic, partition: 0) == 5
        }
        #expect(Self.value(metrics, group: group, topic: topic, partition: 0) == 5)
        running.cancel()
        try await running.value
        await consumer.close()
    }
}

/// A call counter for test closures.
final class CallCounter: Sendable {
    private let count = Mutex(0)

    /// Returns the number of earlier calls.
    func next() -> Int {
        count.withLock { value in
            defer { value += 1 }
            return value
        }
    }
}
