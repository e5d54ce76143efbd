import Foundation
import Testing

@testable import Kafka

/// `KafkaConsumer.lag(timeout:)` and `watermarks(for:timeout:)`.
@Suite("KafkaConsumer lag")
struct KafkaConsumerLagTests {
    @Test(
        "lag is produced minus committed on the partition, before and after a commit",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(2)))
    func lagAfterCommit() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("lag")
        let group = KafkaTestEnvironment.uniqueName("group")
        let partitionCount = try await KafkaTestEnvironment.makeTopic(topic, partitions: 2, bootstrap: bootstrap)
        let produced = 10
        let stored = 4
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(bootstrap))
        for index in 0..<produced {
            _ = try await producer.send(topic: topic, key: nil, value: Array("m\(index)".utf8), partition: 0)
        }
        await producer.close()

        let consumer = ConsumerRecorder(
            try KafkaConsumer(
                configuration: KafkaTestEnvironment.consumerConfiguration(bootstrap, group: group, topics: [topic])))
        #expect(
            await consumer.wait(timeout: .seconds(40)) { $0.records.filter { $0.partition == 0 }.count >= produced })
        let partition0 = KafkaTopicPartition(topic: topic, partition: 0)

        // Nothing committed yet: every retained record counts.
        let before = try await consumer.consumer.lag(timeout: .seconds(10))
        let all = (0..<Int32(partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) }
        #expect(before.map(\.topicPartition) == all)
        let before0 = try #require(before.first { $0.topicPartition == partition0 })
        #expect(before0.committed == nil)
        #expect(before0.highWatermark == Int64(produced))
        #expect(before0.lag == Int64(produced))
        #expect(before0.position == Int64(produced))
        #expect(before0.positionLag == 0)
        #expect(before.filter { $0.topicPartition != partition0 }.allSatisfy { $0.lag == 0 && $0.highWatermark == 0 })

        for record in consumer.snapshot.records.filter({ $0.partition == 0 }).prefix(stored) {
            try consumer.consumer.storeOffset(record)
        }
        try await consumer.consumer.commitStored()

        let after = try await consumer.consumer.lag(timeout: .seconds(10))
        let after0 = try #require(after.first { $0.topicPartition == partition0 })
        #expect(after0.committed == Int64(stored))
        #expect(after0.lowWatermark == 0)
        #expect(after0.highWatermark == Int64(produced))
        #expect(after0.lag == Int64(produced - stored))
        #expect(after0.positionLag == 0)  // received everything, committed only part

        let watermarks = try await consumer.consumer.watermarks(for: partition0, timeout: .seconds(10))
        #expect(watermarks.low == 0)
        #expect(watermarks.high == Int64(produced))

        await consumer.close()
        #expect(try await consumer.consumer.lag(timeout: .seconds(1)).isEmpty)
        await #expect(throws: KafkaError.self) {
            _ = try await consumer.consumer.watermarks(for: partition0, timeout: .seconds(1))
        }
    }

    @Test("without an assignment lag is empty and asks nobody; watermarks of an unreachable cluster fail")
    func unassigned() async throws {
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                bootstrapServers: "127.0.0.1:1", groupId: KafkaTestEnvironment.uniqueName("g"),
                clientId: KafkaTestEnvironment.uniqueName("lag-unassigned"), topics: ["t"]))
        #expect(try await consumer.lag(timeout: .seconds(1)).isEmpty)
        do {
            _ = try await consumer.watermarks(for: KafkaTopicPartition(topic: "t", partition: 0), timeout: .seconds(1))
            Issue.record("expected an error")
        } catch {
            #expect(error.isRetriable)
        }
        await consumer.close()
    }

    @Test("lag is high watermark minus committed, else minus low watermark, never negative")
    func lagArithmetic() {
        func lag(low: Int64, high: Int64, committed: Int64?) -> Int64 {
            KafkaPartitionLag(
                topic: "t", partition: 0, lowWatermark: low, highWatermark: high, committed: committed, position: nil
            ).lag
        }
        #expect(lag(low: 0, high: 10, committed: 4) == 6)
        #expect(lag(low: 3, high: 10, committed: nil) == 7)
        #expect(lag(low: 5, high: 10, committed: 2) == 5)  // committed records already deleted
        #expect(lag(low: 0, high: 10, committed: 10) == 0)
        #expect(lag(low: 0, high: 0, committed: nil) == 0)
        #expect(lag(low: 0, high: 4, committed: 9) == 0)
    }

    @Test("positionLag counts from the position, else it is lag")
    func positionLagArithmetic() {
        func lags(low: Int64, high: Int64, committed: Int64?, position: Int64?) -> (Int64, Int64) {
            let lag = KafkaPartitionLag(
                topic: "t", partition: 0, lowWatermark: low, highWatermark: high, committed: committed,
                position: position)
            return (lag.lag, lag.positionLag)
        }
        #expect(lags(low: 0, high: 10, committed: nil, position: 7) == (10, 3))
        #expect(lags(low: 0, high: 10, committed: 2, position: nil) == (8, 8))
        #expect(lags(low: 4, high: 10, committed: nil, position: 1) == (6, 6))
        #expect(lags(low: 0, high: 10, committed: 4, position: 12) == (6, 0))
    }
}
