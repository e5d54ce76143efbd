import Kafka
import Messaging
import Testing

@testable import DeadLetterTool

@Suite("ScanProgress")
struct ScanProgressTests {
    private let start = ContinuousClock.now
    private let limits = ScanProgress.Limits(idle: .seconds(3), join: .seconds(30), total: .seconds(300))
    private let partitions = [KafkaTopicPartition(topic: Topic.deadLetter, partition: 0)]

    private func record(partition: Int32 = 0, offset: Int64, value: [UInt8]? = nil) throws -> KafkaRecord {
        let message = try DeadLetterBuilder.build(
            reason: .malformed, detail: "d", sourceTopic: "t", sourcePartition: 0, sourceOffset: offset, consumer: "c",
            originalKey: nil, originalValue: [1], originalHeaders: [], producer: DeadLetters.producer)
        return KafkaRecord(
            topic: Topic.deadLetter, partition: partition, offset: offset, key: message.key,
            value: value ?? message.value,
            headers: value == nil
                ? message.headers.map { KafkaHeader(key: $0.key, value: $0.value.map { Array($0.utf8) }) } : [])
    }

    @Test("waits for an assignment, then ends after the idle time since the last record")
    func idleAfterLastRecord() throws {
        var progress = ScanProgress(topic: Topic.deadLetter, startedAt: start)
        #expect(progress.decision(at: start + .seconds(10), limits: limits) == nil)
        progress.handle(.assigned(partitions), at: start + .seconds(10))
        progress.handle(.message(try record(offset: 0)), at: start + .seconds(11))
        #expect(progress.decision(at: start + .seconds(13), limits: limits) == nil)
        progress.handle(.message(try record(offset: 1)), at: start + .seconds(13))
        #expect(progress.decision(at: start + .milliseconds(15_900), limits: limits) == nil)
        #expect(progress.decision(at: start + .seconds(16), limits: limits) == .finished(.idle(.seconds(3))))
        #expect(progress.scan(ending: .idle(.seconds(3))).entries.count == 2)
    }

    @Test("an empty assignment does not start the idle clock; no assignment in time is an error")
    func joinTimeout() {
        var progress = ScanProgress(topic: Topic.deadLetter, startedAt: start)
        progress.handle(.assigned([]), at: start + .seconds(1))
        #expect(progress.decision(at: start + .seconds(29), limits: limits) == nil)
        guard case .failed(let error) = progress.decision(at: start + .seconds(30), limits: limits) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .brokerUnavailable)
        #expect(error.exitCode == 69)
    }

    @Test("records seen again after a rebalance are kept once; unreadable records are skipped and noted")
    func duplicatesAndSkipped() throws {
        var progress = ScanProgress(topic: Topic.deadLetter, startedAt: start)
        progress.handle(.assigned(partitions), at: start)
        progress.handle(.message(try record(offset: 0)), at: start)
        progress.handle(.message(try record(offset: 0)), at: start)
        progress.handle(.message(try record(offset: 1, value: Array("not json".utf8))), at: start)
        let scan = progress.scan(ending: .idle(.seconds(3)))
        #expect(scan.entries.map(\.position) == [DeadLetterPosition(partition: 0, offset: 0)])
        #expect(scan.skipped.map(\.position) == [DeadLetterPosition(partition: 0, offset: 1)])
        #expect(scan.skipped.first?.detail.hasPrefix("malformed") == true)
        #expect(scan.recordCount == 2)
    }

    @Test("a topic that never goes quiet ends at the total limit; a fatal error fails the read")
    func limitsAndFatal() throws {
        var busy = ScanProgress(topic: Topic.deadLetter, startedAt: start)
        busy.handle(.assigned(partitions), at: start)
        busy.handle(.message(try record(offset: 0)), at: start + .seconds(299))
        #expect(busy.decision(at: start + .seconds(300), limits: limits) == .finished(.timeLimit(.seconds(300))))

        var broken = ScanProgress(topic: Topic.deadLetter, startedAt: start)
        broken.handle(.error(KafkaError(code: .transport, message: "down", isRetriable: true)), at: start)
        #expect(broken.decision(at: start + .seconds(1), limits: limits) == nil)
        broken.handle(.error(KafkaError(code: .fatal, message: "fenced", isFatal: true)), at: start)
        guard case .failed(let error) = broken.decision(at: start + .seconds(1), limits: limits) else {
            Issue.record("expected a failure")
            return
        }
        #expect(error.code == .kafka)
        #expect(broken.scan(ending: .idle(.seconds(3))).errors.count == 2)
    }

    @Test("the notes say the end was assumed after the idle time, and what was skipped")
    func notes() {
        let scan = DeadLetterScan(
            entries: [], skipped: [.init(position: .init(partition: 1, offset: 2), detail: "malformed: x")],
            ending: .idle(.milliseconds(3000)), errors: ["KafkaError.transport: down"])
        let lines = ScanNotes.lines(for: scan)
        #expect(
            lines[0].contains(
                "read 1 record from smartwhale.data.deadletter; stopped after 3000 ms without a new record"))
        #expect(lines[0].contains("no high-watermark query"))
        #expect(lines[1].contains("skipped 1 record(s)") && lines[1].contains("deadletter/1/2 (malformed: x)"))
        #expect(lines[2].contains("1 error(s)"))
    }
}
