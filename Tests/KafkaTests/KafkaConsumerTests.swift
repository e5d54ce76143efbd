import Foundation
import TestSupport
import Testing

@testable import Kafka

@Suite("KafkaConsumer")
struct KafkaConsumerTests {
    private func produce(_ count: Int, to topic: String, partition: Int32, bootstrap: String) async throws {
        let producer = try KafkaProducer(configuration: KafkaTestEnvironment.producerConfiguration(bootstrap))
        for index in 0..<count {
            _ = try await producer.send(topic: topic, key: nil, value: Array("m\(index)".utf8), partition: partition)
        }
        await producer.close()
    }

    @Test(
        "a second member of the group resumes after the last stored offset; unstored records come again",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(2)))
    func commitAndResume() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("resume")
        let group = KafkaTestEnvironment.uniqueName("group")
        try await KafkaTestEnvironment.makeTopic(topic, partitions: 1, bootstrap: bootstrap)
        try await produce(6, to: topic, partition: 0, bootstrap: bootstrap)
        let configuration = KafkaTestEnvironment.consumerConfiguration(bootstrap, group: group, topics: [topic])

        let first = ConsumerRecorder(try KafkaConsumer(configuration: configuration))
        #expect(await first.wait(timeout: .seconds(30)) { $0.records.count >= 6 })
        let firstRecords = first.snapshot.records.filter { $0.partition == 0 }
        #expect(firstRecords.map(\.offset) == [0, 1, 2, 3, 4, 5])
        for record in firstRecords.prefix(3) { try first.consumer.storeOffset(record) }
        await first.close()  // commits the stored offsets while giving up the partition
        #expect(first.snapshot.events.contains { if case .revoked = $0 { true } else { false } })
        #expect(first.consumer.assignment().isEmpty)
        #expect(throws: KafkaError.self) { try first.consumer.storeOffset(firstRecords[3]) }

        let second = ConsumerRecorder(try KafkaConsumer(configuration: configuration))
        #expect(await second.wait(timeout: .seconds(40)) { $0.records.count >= 3 })
        try await letTimePass(.milliseconds(500), "a wrong redelivery of 0...2 would show up now")
        let secondRecords = second.snapshot.records.filter { $0.partition == 0 }
        #expect(secondRecords.map(\.offset) == [3, 4, 5])
        #expect(secondRecords.map { String(decoding: $0.value, as: UTF8.self) } == ["m3", "m4", "m5"])
        for record in secondRecords { try second.consumer.storeOffset(record) }
        await second.close()
    }

    @Test(
        "two members of one group split the partitions",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(2)))
    func twoMembersSplitPartitions() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("split")
        let group = KafkaTestEnvironment.uniqueName("group")
        let partitionCount = try await KafkaTestEnvironment.makeTopic(topic, partitions: 4, bootstrap: bootstrap)
        try await produce(1, to: topic, partition: 0, bootstrap: bootstrap)
        let all = Set((0..<Int32(partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) })
        let configuration = KafkaTestEnvironment.consumerConfiguration(bootstrap, group: group, topics: [topic])

        let first = ConsumerRecorder(try KafkaConsumer(configuration: configuration))
        #expect(await first.wait(timeout: .seconds(30)) { $0.currentAssignment == all })
        let second = ConsumerRecorder(try KafkaConsumer(configuration: configuration))
        let split = await second.wait(timeout: .seconds(60)) { secondSnapshot in
            let mine = first.snapshot.currentAssignment
            let theirs = secondSnapshot.currentAssignment
            return !mine.isEmpty && !theirs.isEmpty && mine.isDisjoint(with: theirs) && mine.union(theirs) == all
        }
        #expect(split)
        let firstAssigned = Set(try #require(first.snapshot.assignedEvents.last))
        let secondAssigned = Set(try #require(second.snapshot.assignedEvents.last))
        #expect(firstAssigned.isDisjoint(with: secondAssigned))
        #expect(firstAssigned.union(secondAssigned) == all)
        #expect(Set(first.consumer.assignment()) == firstAssigned)
        #expect(Set(second.consumer.assignment()) == secondAssigned)
        await second.close()
        await first.close()
    }

    @Test(
        "readAssignedPartitionsFromBeginning replays from offset 0 despite committed offsets",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(2)))
    func readFromBeginning() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("replay")
        let group = KafkaTestEnvironment.uniqueName("group")
        try await KafkaTestEnvironment.makeTopic(topic, partitions: 1, bootstrap: bootstrap)
        try await produce(5, to: topic, partition: 0, bootstrap: bootstrap)
        var configuration = KafkaTestEnvironment.consumerConfiguration(bootstrap, group: group, topics: [topic])

        let committing = ConsumerRecorder(try KafkaConsumer(configuration: configuration))
        #expect(await committing.wait(timeout: .seconds(30)) { $0.records.count >= 5 })
        for record in committing.snapshot.records { try committing.consumer.storeOffset(record) }
        try await committing.consumer.commitStored()
        try await committing.consumer.commitStored()  // nothing new stored: still fine
        await committing.close()

        configuration.readAssignedPartitionsFromBeginning = true
        let replaying = ConsumerRecorder(try KafkaConsumer(configuration: configuration))
        #expect(await replaying.wait(timeout: .seconds(40)) { $0.records.count >= 5 })
        #expect(replaying.snapshot.records.filter { $0.partition == 0 }.map(\.offset) == [0, 1, 2, 3, 4])
        await replaying.close()
    }

    @Test(
        "a full events buffer pauses fetching without losing or repeating records",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(2)))
    func backpressure() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("backpressure")
        try await KafkaTestEnvironment.makeTopic(topic, partitions: 1, bootstrap: bootstrap)
        let total = 40
        try await produce(total, to: topic, partition: 0, bootstrap: bootstrap)
        var configuration = KafkaTestEnvironment.consumerConfiguration(
            bootstrap, group: KafkaTestEnvironment.uniqueName("group"), topics: [topic])
        configuration.eventBufferCapacity = 3
        let consumer = try KafkaConsumer(configuration: configuration)

        var iterator = consumer.events.makeAsyncIterator()
        var offsets: [Int64] = []
        var sawPausedBuffer = false
        while offsets.count < total {
            guard let event = await iterator.next() else { break }
            guard case .message(let record) = event, record.partition == 0 else { continue }
            offsets.append(record.offset)
            if offsets.count == 1 || offsets.count == 20 {
                // Stop reading for a while: the buffer fills to its capacity and stays there.
                try await letTimePass(.milliseconds(1500), "the reader stalls while the buffer fills")
                let buffered = consumer.bufferedRecordCount
                #expect(buffered <= configuration.eventBufferCapacity)
                sawPausedBuffer = sawPausedBuffer || buffered == configuration.eventBufferCapacity
            }
            try consumer.storeOffset(record)
        }
        #expect(offsets == (0..<Int64(total)).map { $0 })
        #expect(sawPausedBuffer)
        await consumer.close()
        // After close only the final revocation may remain; records are dropped.
        while let event = await iterator.next() {
            if case .message(let record) = event { Issue.record("record \(record.offset) after close") }
        }
    }

    @Test(
        "a member whose buffer is full still takes part in rebalances and loses nothing",
        .enabled(if: KafkaTestEnvironment.brokerTestsEnabled), .timeLimit(.minutes(2)))
    func rebalanceWhilePaused() async throws {
        let bootstrap = try KafkaTestEnvironment.requireBootstrap()
        let topic = KafkaTestEnvironment.uniqueName("pausedrebalance")
        let group = KafkaTestEnvironment.uniqueName("group")
        let partitionCount = try await KafkaTestEnvironment.makeTopic(topic, partitions: 4, bootstrap: bootstrap)
        for partition in 0..<Int32(partitionCount) {
            try await produce(10, to: topic, partition: partition, bootstrap: bootstrap)
        }
        let all = Set((0..<Int32(partitionCount)).map { KafkaTopicPartition(topic: topic, partition: $0) })
        var configuration = KafkaTestEnvironment.consumerConfiguration(bootstrap, group: group, topics: [topic])
        configuration.eventBufferCapacity = 2

        // The first member is not read at all for now: its buffer fills and it pauses.
        let stalled = try KafkaConsumer(configuration: configuration)
        try? await eventually(within: .seconds(30), every: .milliseconds(100), "every partition assigned") {
            Set(stalled.assignment()) == all
        }
        #expect(Set(stalled.assignment()) == all)
        try await letTimePass(.milliseconds(500), "the unread buffer fills and must stay at its capacity")
        #expect(stalled.bufferedRecordCount == 2)

        let second = ConsumerRecorder(try KafkaConsumer(configuration: configuration))
        #expect(await second.consumer.isBrokerReachable(timeout: .seconds(5)))
        // Well before max.poll.interval.ms (300 s): the stalled member keeps serving the rebalance.
        let split = await second.wait(timeout: .seconds(40)) { snapshot in
            let theirs = snapshot.currentAssignment
            let mine = Set(stalled.assignment())
            return !theirs.isEmpty && !mine.isEmpty && theirs.isDisjoint(with: mine) && theirs.union(mine) == all
        }
        #expect(split)

        // Now read the stalled member: after its latest assignment it sees every record of its
        // partitions, in order (nothing was stored, so each partition starts at offset 0).
        let first = ConsumerRecorder(stalled)
        func complete(_ snapshot: ConsumerRecorder.Snapshot, _ partitions: Set<KafkaTopicPartition>) -> Bool {
            guard
                let lastAssigned = snapshot.events.lastIndex(where: { if case .assigned = $0 { true } else { false } })
            else { return false }
            let records = snapshot.events[lastAssigned...].compactMap { event -> KafkaRecord? in
                if case .message(let record) = event { record } else { nil }
            }
            return partitions.allSatisfy { partition in
                records.filter { $0.topicPartition == partition }.map(\.offset) == Array(0..<10)
            }
        }
        // Checked against each member's assignment at the time of the check: on a busy machine the
        // group may rebalance once more (a member rejoining late starts another round), and after
        // its latest assignment a member must read every record of the partitions it holds then.
        #expect(
            await second.wait(timeout: .seconds(30)) { snapshot in
                !snapshot.currentAssignment.isEmpty && complete(snapshot, snapshot.currentAssignment)
            })
        // The stalled member's pre-rebalance records were buffered before its last assignment;
        // what it reads after that assignment must be complete on its own.
        #expect(
            await first.wait(timeout: .seconds(30)) { snapshot in
                snapshot.events.contains { if case .assigned = $0 { true } else { false } }
                    && complete(snapshot, snapshot.currentAssignment)
            })
        await second.close()
        await first.close()
    }

    @Test("a consumer needs a topic")
    func rejectsNoTopics() {
        let configuration = KafkaConsumerConfiguration(
            bootstrapServers: "127.0.0.1:1", groupId: "g", clientId: "c", topics: [])
        #expect(throws: KafkaError.self) { _ = try KafkaConsumer(configuration: configuration) }
    }

    @Test("offset storage and auto-commit settings cannot be overridden through extra")
    func forcedProperties() {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: "b:1", groupId: "g", clientId: "c", topics: ["t"])
        configuration.extra = ["enable.auto.offset.store": "true", "enable.auto.commit": "false"]
        configuration.autoOffsetReset = .latest
        let properties = Dictionary(configuration.librdkafkaProperties, uniquingKeysWith: { _, last in last })
        #expect(properties["enable.auto.offset.store"] == "false")
        #expect(properties["enable.auto.commit"] == "true")
        #expect(properties["auto.offset.reset"] == "latest")
        #expect(properties["session.timeout.ms"] == "10000")
        #expect(properties["partition.assignment.strategy"] == "range,roundrobin")
    }
}
