import Foundation
import Kafka
import Messaging
import Synchronization

@testable import DeadLetterTool

/// Records what the tool prints.
final class RecordingConsole: Console {
    private let lines = Mutex<(output: [String], diagnostics: [String])>(([], []))

    func output(_ line: String) { lines.withLock { $0.output.append(line) } }
    func diagnostic(_ line: String) { lines.withLock { $0.diagnostics.append(line) } }

    var output: [String] { lines.withLock { $0.output } }
    var diagnostics: [String] { lines.withLock { $0.diagnostics } }
    var outputText: String { output.joined(separator: "\n") }
    var diagnosticText: String { diagnostics.joined(separator: "\n") }
}

/// A dead-letter topic in memory.
struct InMemoryDeadLetterSource: DeadLetterSource {
    var result: Result<DeadLetterScan, DeadLetterToolError>

    init(_ entries: [DeadLetterEntry], skipped: [DeadLetterScan.Skipped] = []) {
        result = .success(DeadLetterScan(entries: entries, skipped: skipped))
    }

    init(failure: DeadLetterToolError) {
        result = .failure(failure)
    }

    func scan() async throws(DeadLetterToolError) -> DeadLetterScan {
        try result.get()
    }
}

/// Records published messages; topics have 4 partitions unless configured otherwise.
final class RecordingPublisher: ReplayPublishing {
    struct Sent: Equatable {
        var message: ReplayMessage
        var partition: Int32?
    }

    private let partitionCounts: [String: Int]
    private let failAtSend: Int?
    private let state = Mutex<(sent: [Sent], closed: Bool, countQueries: Int)>(([], false, 0))

    /// `failAtSend`: the 0-based index of the send that fails.
    init(partitionCounts: [String: Int], failAtSend: Int? = nil) {
        self.partitionCounts = partitionCounts
        self.failAtSend = failAtSend
    }

    var sent: [Sent] { state.withLock { $0.sent } }
    var isClosed: Bool { state.withLock { $0.closed } }

    func partitionCount(of topic: String) async throws(DeadLetterToolError) -> Int? {
        state.withLock { $0.countQueries += 1 }
        return partitionCounts[topic]
    }

    func publish(_ message: ReplayMessage, partition: Int32?) async throws(DeadLetterToolError) -> ReplayReceipt {
        let index = state.withLock { $0.sent.count }
        if index == failAtSend {
            throw DeadLetterToolError(
                code: .replayFailed, message: "sending \(message.deadLetter) failed: broker gone", isRetriable: true)
        }
        state.withLock { $0.sent.append(Sent(message: message, partition: partition)) }
        return ReplayReceipt(partition: partition ?? 0, offset: Int64(100 + index))
    }

    func close() async {
        state.withLock { $0.closed = true }
    }
}

/// Dead letters built the way consumers build them, read back the way the tool reads them.
enum DeadLetters {
    static let producer = ProducerIdentity(service: "notifier", instance: "notifier-0")

    /// The headers a producer puts on an original message.
    static func originalHeaders(schema: String = "slot.found", version: String = "9") -> [MessageHeader] {
        [
            MessageHeader(key: "schema", value: schema), MessageHeader(key: "version", value: version),
            MessageHeader(key: "id", value: "0b7e4a52-3f0e-4d0a-9d6e-2c1b9b7f5a08"),
            MessageHeader(key: "content-type", value: "application/json"),
            MessageHeader(key: "trace-flag", value: nil),
        ]
    }

    /// Builds the dead-letter record with DeadLetterBuilder and decodes it as the tool does.
    static func entry(
        reason: DeadLetterV1.Reason = .unsupportedVersion, topic: String = Topic.slots, partition: Int32 = 2,
        offset: Int64 = 1041, at position: DeadLetterPosition = DeadLetterPosition(partition: 0, offset: 0),
        key: [UInt8]? = Array("5532:972812db".utf8),
        value: [UInt8] = Array(#"{"schema":"slot.found","version":9}"#.utf8),
        headers: [MessageHeader] = originalHeaders(), detail: String = "slot.found v9 is not supported",
        now: Date = Date(timeIntervalSince1970: 1_791_284_402)
    ) throws -> DeadLetterEntry {
        let message = try DeadLetterBuilder.build(
            reason: reason, detail: detail, sourceTopic: topic, sourcePartition: partition, sourceOffset: offset,
            consumer: "notifier (group notifier)", originalKey: key, originalValue: value, originalHeaders: headers,
            producer: producer, now: now)
        let record = KafkaRecord(
            topic: Topic.deadLetter, partition: position.partition, offset: position.offset, key: message.key,
            value: message.value,
            headers: message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) })
        return try DeadLetterEntry(record: record)
    }
}

/// Records consumed by a test's reader task.
final class RecordCollector: Sendable {
    private let state = Mutex<[KafkaRecord]>([])

    func append(_ record: KafkaRecord) { state.withLock { $0.append(record) } }
    var records: [KafkaRecord] { state.withLock { $0 } }
}
