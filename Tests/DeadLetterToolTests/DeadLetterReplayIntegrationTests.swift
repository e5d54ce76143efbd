import Foundation
import Kafka
import Messaging
import ServiceRuntime
import TestSupport
import Testing

@testable import DeadLetterTool

/// The replay drill against the real test broker. The dead-letter topic is shared with parallel
/// tests, so everything here is scoped to a source topic no one else uses.
@Suite("deadletter against the test broker")
struct DeadLetterReplayIntegrationTests {
    private struct Original {
        var key: [UInt8]?
        var value: [UInt8]
        var headers: [MessageHeader]
        var report: KafkaDeliveryReport?
    }

    private func runTool(_ arguments: [String], bootstrap: String) async -> (status: Int32, console: RecordingConsole) {
        let console = RecordingConsole()
        let status = await DeadLetterRunner(console: console)
            .run(
                arguments: arguments + ["--bootstrap", bootstrap, "--idle-ms", "4000"],
                environment: EnvironmentReader([:]))
        return (status, console)
    }

    @Test(
        "replay re-publishes the original bytes and headers to the source topic with dlq-replayed-from",
        .enabled(if: TestEnvironment.hasKafka), .timeLimit(.minutes(3)))
    func replayRoundTrip() async throws {
        let bootstrap = try TestEnvironment.requireKafkaBootstrap()
        let sourceTopic = "drill.src.\(UUID().uuidString.lowercased())"
        var producerConfiguration = KafkaProducerConfiguration(bootstrapServers: bootstrap, clientId: "deadletter-test")
        producerConfiguration.extra = ["linger.ms": "1"]
        let producer = try KafkaProducer(configuration: producerConfiguration)

        // The originals: on the source topic first (the mock broker creates it on the first produce).
        var originals = [
            Original(
                key: Array("5532:972812db".utf8), value: Array(#"{"schema":"slot.found","version":9}"#.utf8),
                headers: [
                    MessageHeader(key: "schema", value: "slot.found"), MessageHeader(key: "version", value: "9"),
                    MessageHeader(key: "id", value: UUID().uuidString.lowercased()),
                    MessageHeader(key: "content-type", value: "application/json"),
                ]),
            Original(
                key: nil, value: [0xFF, 0xFE, 0x00, 0x41],  // not UTF-8: must come back byte for byte
                headers: [
                    MessageHeader(key: "schema", value: "doctor.checked"), MessageHeader(key: "x-null", value: nil),
                ]),
        ]
        for index in originals.indices {
            originals[index].report = try await producer.send(
                topic: sourceTopic, key: originals[index].key, value: originals[index].value,
                headers: originals[index].headers.map(kafkaHeader))
        }

        // Two dead letters with the reason to replay, and a decoy with another reason.
        var deadLetterPositions: [DeadLetterPosition] = []
        for (original, reason) in zip(
            originals + [originals[0]], [DeadLetterV1.Reason.processingFailed, .processingFailed, .malformed])
        {
            let report = try #require(original.report)
            let message = try DeadLetterBuilder.build(
                reason: reason, detail: "drill: \(reason.rawValue)", sourceTopic: sourceTopic,
                sourcePartition: report.partition, sourceOffset: report.offset, consumer: "drill (group drill)",
                originalKey: original.key, originalValue: original.value, originalHeaders: original.headers,
                producer: ProducerIdentity(service: "drill", instance: "test"))
            let stored = try await producer.send(
                topic: Topic.deadLetter, key: message.key, value: message.value,
                headers: message.headers.map(kafkaHeader))
            deadLetterPositions.append(DeadLetterPosition(partition: stored.partition, offset: stored.offset))
        }
        await producer.close()

        // list sees all three for the drill topic; --json gives one line each.
        let list = await runTool(["list", "--source-topic", sourceTopic, "--json"], bootstrap: bootstrap)
        #expect(list.status == 0, "\(list.console.diagnosticText)")
        #expect(list.console.output.count == 3, "\(list.console.outputText)")
        #expect(list.console.diagnosticText.contains("without a new record"))

        // A dry run publishes nothing; the replay publishes the two with the chosen reason.
        let dryRun = await runTool(
            ["replay", "--reason", "processing_failed", "--source-topic", sourceTopic, "--dry-run"],
            bootstrap: bootstrap)
        #expect(dryRun.status == 0, "\(dryRun.console.diagnosticText)")
        #expect(dryRun.console.output.filter { $0.hasPrefix("would replay ") }.count == 2)
        let replay = await runTool(
            ["replay", "--reason", "processing_failed", "--source-topic", sourceTopic], bootstrap: bootstrap)
        #expect(replay.status == 0, "\(replay.console.diagnosticText)")
        #expect(replay.console.output.filter { $0.hasPrefix("replayed ") }.count == 2, "\(replay.console.outputText)")
        #expect(replay.console.output.last == "replay: done: 2 replayed")

        // The source topic now holds the two originals and the two replays, no more.
        let records = try await readAll(sourceTopic, count: 4, bootstrap: bootstrap)
        #expect(records.count == 4)
        let replayed = records.filter { $0.header(ReplayMessage.replayedFromHeader) != nil }
        #expect(replayed.count == 2)
        for (index, original) in originals.enumerated() {
            let expectedFrom = deadLetterPositions[index].description
            let copy = try #require(replayed.first { $0.header(ReplayMessage.replayedFromHeader) == expectedFrom })
            #expect(copy.value == original.value)
            #expect(copy.key == original.key)
            #expect(
                copy.headers
                    == (original.headers + [MessageHeader(key: "dlq-replayed-from", value: expectedFrom)]).map(
                        kafkaHeader))
            #expect(copy.partition == original.report?.partition)
        }
    }

    @Test(
        "list fails with exit 69 and says so when no broker answers",
        .enabled(if: TestEnvironment.hasKafka), .timeLimit(.minutes(1)))
    func unreachableBroker() async throws {
        // Port 1 on loopback refuses connections: no broker, whatever the environment says.
        let console = RecordingConsole()
        let status = await DeadLetterRunner(console: console)
            .run(arguments: ["list", "--bootstrap", "127.0.0.1:1"], environment: EnvironmentReader([:]))
        #expect(status == 69)
        #expect(console.diagnostics == ["deadletter: error: no Kafka broker answered at 127.0.0.1:1 within 10 s"])
        #expect(console.output.isEmpty)
    }

    private func kafkaHeader(_ header: MessageHeader) -> KafkaHeader {
        KafkaHeader(key: header.key, value: header.value.map { Array($0.utf8) })
    }

    /// Reads `topic` from the beginning with a throwaway group until `count` records or 30 s.
    private func readAll(_ topic: String, count: Int, bootstrap: String) async throws -> [KafkaRecord] {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: bootstrap, groupId: "deadletter-test-\(UUID().uuidString.lowercased())",
            clientId: "deadletter-test", topics: [topic])
        configuration.readAssignedPartitionsFromBeginning = true
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(1)
        configuration.extra = ["fetch.wait.max.ms": "100"]
        let consumer = try KafkaConsumer(configuration: configuration)
        let collector = RecordCollector()
        let reader = Task {
            for await event in consumer.events {
                if case .message(let record) = event { collector.append(record) }
            }
        }
        try? await eventually(within: .seconds(30), every: .milliseconds(100), "\(count) records") { collector.records.count >= count }
        try await letTimePass(.seconds(1), "a record too many would show up now")
        reader.cancel()
        await consumer.close()
        return collector.records
    }
}
