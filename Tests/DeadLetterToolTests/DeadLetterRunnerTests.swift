import Messaging
import ServiceRuntime
import Testing

@testable import DeadLetterTool

@Suite("DeadLetterRunner")
struct DeadLetterRunnerTests {
    private struct Harness {
        let console = RecordingConsole()
        let publisher: RecordingPublisher
        let source: InMemoryDeadLetterSource

        init(_ source: InMemoryDeadLetterSource, partitionCounts: [String: Int] = ["t": 4], failAtSend: Int? = nil) {
            self.source = source
            publisher = RecordingPublisher(partitionCounts: partitionCounts, failAtSend: failAtSend)
        }

        func run(_ arguments: [String]) async -> Int32 {
            let source = self.source
            let publisher = self.publisher
            let runner = DeadLetterRunner(
                console: console, makeSource: { _ in source },
                makePublisher: { (_: ConnectionOptions) throws(DeadLetterToolError) -> any ReplayPublishing in publisher
                })
            return await runner.run(arguments: arguments, environment: EnvironmentReader([:]))
        }
    }

    private func sample() throws -> [DeadLetterEntry] {
        [
            try DeadLetters.entry(
                reason: .malformed, topic: "t", partition: 1, offset: 5, at: .init(partition: 0, offset: 0)),
            try DeadLetters.entry(
                reason: .malformed, topic: "t", partition: 0, offset: 9, at: .init(partition: 1, offset: 0)),
            try DeadLetters.entry(
                reason: .unknownSchema, topic: "t", partition: 0, offset: 3, at: .init(partition: 2, offset: 0)),
            try DeadLetters.entry(
                reason: .malformed, topic: "gone", partition: 0, offset: 1, at: .init(partition: 2, offset: 1)),
        ]
    }

    @Test("help goes to standard output with exit 0; usage errors go to standard error with exit 64")
    func helpAndUsage() async {
        let help = Harness(InMemoryDeadLetterSource([]))
        #expect(await help.run(["replay", "--help"]) == 0)
        #expect(help.console.outputText == DeadLetterUsage.replay)
        let bad = Harness(InMemoryDeadLetterSource([]))
        #expect(await bad.run(["replay", "--reason", "x"]) == 64)
        #expect(bad.console.output.isEmpty)
        #expect(bad.console.diagnostics.first?.hasPrefix("deadletter: error: --reason expects one of") == true)
        #expect(bad.console.diagnostics.last == "Run 'deadletter replay --help' for usage.")
    }

    @Test("list prints the filtered table, and notes on standard error")
    func list() async throws {
        let harness = Harness(InMemoryDeadLetterSource(try sample()))
        #expect(await harness.run(["list", "--source-topic", "t"]) == 0)
        #expect(harness.console.output.first == "Dead letters in smartwhale.data.deadletter matching source topic=t: 3")
        #expect(harness.console.outputText.contains("    2  malformed\n    1  unknown_schema"))
        #expect(!harness.console.outputText.contains("gone/"))
        #expect(harness.console.diagnosticText.contains("without a new record"))
        #expect(harness.publisher.sent.isEmpty)
    }

    @Test("list --json prints only JSON lines on standard output")
    func listJSON() async throws {
        let harness = Harness(InMemoryDeadLetterSource(try sample()))
        #expect(await harness.run(["list", "--json", "--reason", "malformed"]) == 0)
        #expect(harness.console.output.count == 3)
        #expect(harness.console.output.allSatisfy { $0.hasPrefix("{") && $0.contains(#""reason":"malformed""#) })
    }

    @Test("a broker that cannot be reached is exit 69 with the reason")
    func unreachable() async {
        let harness = Harness(
            InMemoryDeadLetterSource(
                failure: DeadLetterToolError(
                    code: .brokerUnavailable, message: "no Kafka broker answered at x:1 within 10 s")))
        #expect(await harness.run(["list"]) == 69)
        #expect(harness.console.diagnostics == ["deadletter: error: no Kafka broker answered at x:1 within 10 s"])
    }

    @Test("replay publishes the original messages in source order to their original partitions, then closes")
    func replay() async throws {
        let harness = Harness(InMemoryDeadLetterSource(try sample()))
        #expect(await harness.run(["replay", "--reason", "malformed", "--source-topic", "t"]) == 0)
        let sent = harness.publisher.sent
        #expect(sent.map(\.message.sourceDescription) == ["t/0/9", "t/1/5"])
        #expect(sent.map(\.partition) == [0, 1])
        #expect(sent[0].message.headers.last == MessageHeader(key: "dlq-replayed-from", value: "deadletter/1/0"))
        #expect(
            harness.console.output == [
                "replayed deadletter/1/0 -> t[0]@100 (from t/0/9; key 13 B, value 35 B, 6 headers)",
                "replayed deadletter/0/0 -> t[1]@101 (from t/1/5; key 13 B, value 35 B, 6 headers)",
                "replay: done: 2 replayed",
            ])
        #expect(harness.publisher.isClosed)
    }

    @Test("a topic with fewer partitions now gets the message by key")
    func fewerPartitions() async throws {
        let harness = Harness(InMemoryDeadLetterSource(try sample()), partitionCounts: ["t": 1])
        #expect(await harness.run(["replay", "--reason", "malformed", "--source-topic", "t"]) == 0)
        #expect(harness.publisher.sent.map(\.partition) == [0, nil])
        #expect(harness.console.output[1].hasSuffix("by key: the topic has fewer partitions now)"))
    }

    @Test("--dry-run lists what would be replayed and publishes nothing")
    func dryRun() async throws {
        let harness = Harness(InMemoryDeadLetterSource(try sample()))
        #expect(await harness.run(["replay", "--reason", "malformed", "--source-topic", "t", "--dry-run"]) == 0)
        #expect(harness.publisher.sent.isEmpty)
        #expect(
            harness.console.output == [
                "would replay deadletter/1/0 -> t[0] (from t/0/9; key 13 B, value 35 B, 6 headers)",
                "would replay deadletter/0/0 -> t[1] (from t/1/5; key 13 B, value 35 B, 6 headers)",
                "replay: dry run: 2 would be replayed; nothing was published",
            ])
    }

    @Test("a missing source topic fails before anything is published (exit 69)")
    func missingTopic() async throws {
        let harness = Harness(InMemoryDeadLetterSource(try sample()))
        #expect(await harness.run(["replay", "--reason", "malformed"]) == 69)
        #expect(harness.publisher.sent.isEmpty)
        #expect(
            harness.console.diagnostics.last
                == "deadletter: error: source topic(s) not found on the broker: gone; nothing was replayed")
        #expect(harness.publisher.isClosed)
    }

    @Test("the replay stops at the first failed send and says where to continue (exit 1)")
    func stopsOnFailure() async throws {
        let entries = try (0..<3).map {
            try DeadLetters.entry(
                reason: .malformed, topic: "t", partition: 0, offset: Int64($0),
                at: .init(partition: 0, offset: Int64($0)))
        }
        let harness = Harness(InMemoryDeadLetterSource(entries), failAtSend: 1)
        #expect(await harness.run(["replay", "--reason", "malformed"]) == 1)
        #expect(harness.publisher.sent.map(\.message.sourceOffset) == [0])
        let error = try #require(harness.console.diagnostics.last)
        #expect(error.contains("1 replayed, 2 not (the first not replayed is t/0/1)"))
    }

    @Test("--limit and duplicates are reported; nothing matching is not an error")
    func limitAndNothing() async throws {
        let entries = try (0..<3).map {
            try DeadLetters.entry(
                reason: .malformed, topic: "t", partition: 0, offset: Int64($0),
                at: .init(partition: 0, offset: Int64($0)))
        }
        let harness = Harness(InMemoryDeadLetterSource(entries))
        #expect(await harness.run(["replay", "--reason", "malformed", "--limit", "2"]) == 0)
        #expect(harness.publisher.sent.count == 2)
        #expect(harness.console.diagnosticText.contains("--limit 2: replaying the first 2 of 3"))

        let none = Harness(InMemoryDeadLetterSource(entries))
        #expect(await none.run(["replay", "--reason", "unknown_schema"]) == 0)
        #expect(none.console.output == ["replay: nothing to replay"])
    }
}
