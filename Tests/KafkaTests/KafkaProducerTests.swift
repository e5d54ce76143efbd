import Foundation
import TestSupport
import Testing

@testable import Kafka

@Suite("KafkaProducer")
struct KafkaProducerTests {
    @Test(
        "a record round-trips with key, headers and value byte for byte",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(1)))
    func roundTrip() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("roundtrip")
        let partitions = try await KafkaTestEnvironment.makeTopic(topic, partitions: 3, bootstrap: bootstrap)

        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(bootstrap))
        let key: [UInt8] = [0, 1, 2, 0xFF, 0x7F]
        let value: [UInt8] = [0xFF, 0x00, 0xC3, 0x28, 0x0A] + Array("سلام".utf8)  // not valid UTF-8, then Persian
        let headers = [
            KafkaHeader(key: "trace-id", string: "first"),
            KafkaHeader(key: "binary", value: [0, 0xFF, 0x10]),
            KafkaHeader(key: "null", value: nil),
            KafkaHeader(key: "empty", value: []),
            KafkaHeader(key: "trace-id", string: "second"),
        ]
        let sentAt = Date()
        let report = try await producer.send(topic: topic, key: key, value: value, headers: headers)
        #expect(report.topic == topic)
        #expect((0..<Int32(partitions)).contains(report.partition))
        #expect(report.offset == 0)
        await producer.close()

        let consumer = ConsumerRecorder(
            try KafkaConsumer(
                configuration:
                    KafkaTestEnvironment.consumerConfiguration(
                        bootstrap, group: KafkaTestEnvironment.uniqueName("g"), topics: [topic])))
        let arrived = await consumer.wait(timeout: .seconds(30)) { !$0.records.isEmpty }
        await consumer.close()
        #expect(arrived)
        let record = try #require(consumer.snapshot.records.first)
        #expect(record.topic == topic)
        #expect(record.partition == report.partition)
        #expect(record.offset == report.offset)
        #expect(record.key == key)
        #expect(record.value == value)
        #expect(record.headers == headers)
        #expect(record.header("trace-id") == "second")
        #expect(record.header("null") == nil)
        let timestamp = try #require(record.timestamp)
        #expect(abs(timestamp.timeIntervalSince(sentAt)) < 30)
    }

    @Test(
        "delivery reports carry the partition and consecutive offsets",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(1)))
    func deliveryReports() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("reports")
        let partitions = try await KafkaTestEnvironment.makeTopic(topic, partitions: 3, bootstrap: bootstrap)
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(bootstrap))

        var explicit: [KafkaDeliveryReport] = []
        for index in 0..<3 {
            explicit.append(try await producer.send(topic: topic, key: nil, value: [UInt8(index)], partition: 1))
        }
        #expect(explicit.map(\.partition) == [1, 1, 1])
        #expect(explicit.map(\.offset) == [0, 1, 2])

        // Concurrent sends with one key: the partitioner keeps them together, offsets unique.
        let keyed = try await withThrowingTaskGroup(of: KafkaDeliveryReport.self) { group in
            for index in 0..<20 {
                group.addTask {
                    try await producer.send(topic: topic, key: Array("same-key".utf8), value: [UInt8(index)])
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(Set(keyed.map(\.partition)).count == 1)
        #expect(Set(keyed.map(\.offset)).count == 20)

        #expect(try await producer.partitionCount(topic: topic, timeout: .seconds(5)) == partitions)
        #expect(await producer.isBrokerReachable(timeout: .seconds(5)))
        try await producer.flush(timeout: .seconds(5))
        await producer.close()
        await producer.close()  // idempotent

        await #expect(throws: KafkaError.self) {
            _ = try await producer.send(topic: topic, key: nil, value: [1])
        }
        do {
            _ = try await producer.send(topic: topic, key: nil, value: [1])
        } catch {
            #expect(error.code == .closed)
        }
    }

    @Test(
        "partitionCount of an unknown topic is a typed error and does not create it",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(1)))
    func partitionCountOfUnknownTopic() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("absent")
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(bootstrap))
        do {
            _ = try await producer.partitionCount(topic: topic, timeout: .seconds(5))
            Issue.record("expected an error")
        } catch {
            #expect(error.code == .unknownTopicOrPartition)
        }
        await producer.close()
        let admin = try KafkaAdmin(bootstrapServers: bootstrap, clientId: "test-admin")
        #expect(try await admin.listTopics(timeout: .seconds(5))[topic] == nil)
        admin.close()
    }

    @Test(
        "without a broker: reachability is false and a send times out with a retriable error",
        .timeLimit(.minutes(1)))
    func unreachableBroker() async throws {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1", clientId: "unreachable")
        configuration.messageTimeout = .seconds(1)
        configuration.extra = ["log_level": "0"]
        let producer = try KafkaProducer(configuration: configuration)
        #expect(await producer.isBrokerReachable(timeout: .milliseconds(300)) == false)
        let started = ContinuousClock.now
        do {
            _ = try await producer.send(topic: "nowhere", key: nil, value: [1, 2, 3])
            Issue.record("send succeeded without a broker")
        } catch {
            #expect(error.code == .messageTimedOut)
            #expect(error.isRetriable)
        }
        #expect(ContinuousClock.now - started < .seconds(10))
        await producer.close()
    }

    @Test("close purges undeliverable messages: their sends fail instead of hanging", .timeLimit(.minutes(1)))
    func closePurges() async throws {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1", clientId: "purge")
        configuration.messageTimeout = .seconds(60)
        configuration.closeTimeout = .milliseconds(500)
        configuration.extra = ["log_level": "0"]
        let producer = try KafkaProducer(configuration: configuration)
        let pending = (0..<3).map { index in
            Task { () -> Result<KafkaDeliveryReport, KafkaError> in
                do throws(KafkaError) {
                    return .success(try await producer.send(topic: "nowhere", key: nil, value: [UInt8(index)]))
                } catch {
                    return .failure(error)
                }
            }
        }
        try await letTimePass(.milliseconds(200), "the sends are queued in librdkafka")
        let started = ContinuousClock.now
        await producer.close()
        #expect(ContinuousClock.now - started < .seconds(10))
        for task in pending {
            switch await task.value {
            case .success: Issue.record("delivered without a broker")
            case .failure(let error): #expect(error.code == .purged || error.code == .closed, "\(error)")
            }
        }
    }

    @Test("an invalid property is rejected with invalidConfiguration")
    func invalidConfiguration() throws {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1", clientId: "bad")
        configuration.extra = ["no.such.property": "1"]
        #expect {
            _ = try KafkaProducer(configuration: configuration)
        } throws: { error in
            (error as? KafkaError)?.code == .invalidConfiguration
        }
    }

    @Test("idempotence and acks cannot be overridden through extra")
    func forcedProperties() {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "b:1", clientId: "c")
        configuration.extra = ["enable.idempotence": "false", "acks": "1", "linger.ms": "7"]
        configuration.messageTimeout = .milliseconds(1500)
        let properties = Dictionary(configuration.librdkafkaProperties, uniquingKeysWith: { _, last in last })
        #expect(properties["enable.idempotence"] == "true")
        #expect(properties["acks"] == "all")
        #expect(properties["linger.ms"] == "7")
        #expect(properties["delivery.timeout.ms"] == "1500")
    }
}
