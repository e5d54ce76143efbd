import Foundation
import TestSupport
import Testing

@testable import Kafka

/// Fault injection through the broker host's control FIFO.
@Suite("Kafka faults")
struct KafkaFaultTests {
    /// Runs against a private broker host: an outage of the shared one would stall every other
    /// test running in parallel (a consumer joining during the outage missed its 30 s budget).
    @Test(
        "a send during a broker outage completes after recovery, exactly once",
        .enabled(if: KafkaTestEnvironment.binaryTestsEnabled), .timeLimit(.minutes(2)))
    func brokerOutage() async throws {
        let host = try MockBrokerProcess(
            binDirectory: try KafkaTestEnvironment.requireBinDirectory(), arguments: ["--no-default-topics"])
        try await host.start()
        let topic = KafkaTestEnvironment.uniqueName("outage")
        try host.control("create-topic \(topic) 1")
        #expect(await host.waitForOutput("OK create-topic \(topic)"))
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(host.bootstrap))
        _ = try await producer.send(topic: topic, key: nil, value: Array("before".utf8), partition: 0)

        try host.control("broker-down all")
        #expect(await host.waitForOutput("OK broker-down"))
        let finished = TestLocked(false)
        let pending = Task {
            defer { finished.withLock { $0 = true } }
            return try await producer.send(topic: topic, key: nil, value: Array("during".utf8), partition: 0)
        }
        try await letTimePass(.milliseconds(1500), "the send must stay pending while every broker is down")
        #expect(finished.withLock { $0 } == false, "the send completed while every broker was down")
        try host.control("broker-up all")
        let report = try await pending.value
        #expect(report.partition == 0)
        await producer.close()

        let consumer = ConsumerRecorder(
            try KafkaConsumer(
                configuration:
                    KafkaTestEnvironment.consumerConfiguration(
                        host.bootstrap, group: KafkaTestEnvironment.uniqueName("g"), topics: [topic])))
        #expect(await consumer.wait(timeout: .seconds(30)) { $0.records.count >= 2 })
        try await letTimePass(.milliseconds(500), "a duplicate record would show up now")
        await consumer.close()
        let values = consumer.snapshot.records.map { String(decoding: $0.value, as: UTF8.self) }
        #expect(values == ["before", "during"])
        #expect(await host.stop() == 0)
    }

    @Test(
        "a topic without a leader holds the send until the leader is back",
        .enabled(if: KafkaTestEnvironment.faultTestsEnabled), .timeLimit(.minutes(1)))
    func topicLeaderUnavailable() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let control = try KafkaTestEnvironment.requireControl()
        let topic = KafkaTestEnvironment.uniqueName("leaderless")
        try await KafkaTestEnvironment.makeTopic(topic, partitions: 2, bootstrap: bootstrap)
        try KafkaTestEnvironment.sendControl("topic-error \(topic) LEADER_NOT_AVAILABLE", to: control)
        try await letTimePass(.milliseconds(200), "the broker applies the topic error (the FIFO has no answer)")

        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(bootstrap))
        let finished = TestLocked(false)
        let pending = Task {
            defer { finished.withLock { $0 = true } }
            // No explicit partition: librdkafka keeps the message until the topic's partitions are
            // known (an explicit partition fails at once with _UNKNOWN_PARTITION while the topic's
            // metadata carries an error).
            return try await producer.send(topic: topic, key: Array("k".utf8), value: [42])
        }
        try await letTimePass(.seconds(1), "the send must stay pending while the topic has no leader")
        #expect(finished.withLock { $0 } == false, "the send completed although the topic had no leader")
        try KafkaTestEnvironment.sendControl("topic-error \(topic) NO_ERROR", to: control)
        let report = try await pending.value
        #expect((0..<2).contains(report.partition))
        #expect(report.offset == 0)
        await producer.close()
    }
}
