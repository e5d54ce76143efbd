import Foundation
import Kafka
import NotifierAdapters
import NotifierDomain
import Testing

/// How the buffer cuts batches: the coalescing window, the size limit, and a poll's run of records
/// kept together.
@Suite("RecordBuffer")
struct RecordBufferTests {
    func record(_ offset: Int64, key: String, partition: Int32 = 0) -> KafkaRecord {
        KafkaRecord(
            topic: "smartwhale.data.slots", partition: partition, offset: offset, key: Array(key.utf8), value: [], headers: [],
            timestamp: nil)
    }

    @Test("records arriving within the window form one batch")
    func window() async throws {
        let buffer = RecordBuffer(capacity: 100)
        try await buffer.append(record(0, key: "a"))
        let later = Task {
            try await Task.sleep(for: .milliseconds(100))
            try await buffer.append(record(1, key: "b"))
        }
        let batch = try await buffer.nextBatch(max: 10, window: .seconds(3))
        try await later.value
        #expect(batch.map(\.offset) == [0, 1])
    }

    @Test("a batch is a prefix of at most max records, extended by the run of the last record's key")
    func keyRunStaysTogether() async throws {
        let buffer = RecordBuffer(capacity: 100)
        let keys = ["a", "b", "b", "b", "b", "c", "b"]
        for (offset, key) in keys.enumerated() { try await buffer.append(record(Int64(offset), key: key)) }
        let first = try await buffer.nextBatch(max: 3, window: .zero)
        #expect(first.map(\.offset) == [0, 1, 2, 3, 4], "b's run continues past the limit")
        let second = try await buffer.nextBatch(max: 3, window: .zero)
        #expect(second.map(\.offset) == [5, 6])
        #expect(await buffer.count == 0)
    }

    @Test("a full batch leaves a run that reaches the end of the buffer for the next batch: it may still be arriving")
    func runStillArriving() async throws {
        let buffer = RecordBuffer(capacity: 100)
        for (offset, key) in ["a", "b", "c", "c"].enumerated() { try await buffer.append(record(Int64(offset), key: key)) }
        let first = try await buffer.nextBatch(max: 3, window: .zero)
        #expect(first.map(\.offset) == [0, 1], "c's run may continue")
        try await buffer.append(record(4, key: "c"))
        let second = try await buffer.nextBatch(max: 3, window: .zero)
        #expect(second.map(\.offset) == [2, 3, 4], "a run that is the whole batch is not held back")
        // A batch cut by the window (fewer than max) takes everything.
        for (offset, key) in ["d", "e"].enumerated() { try await buffer.append(record(Int64(5 + offset), key: key)) }
        #expect(try await buffer.nextBatch(max: 3, window: .milliseconds(50)).map(\.offset) == [5, 6])
    }

    @Test("partitions interleave: each partition's batch is a prefix, and each partition's open run waits")
    func interleavedPartitions() async throws {
        let buffer = RecordBuffer(capacity: 100)
        let arrivals: [(Int32, Int64, String)] = [(0, 0, "a"), (1, 0, "x"), (0, 1, "b"), (1, 1, "y"), (0, 2, "b")]
        for (partition, offset, key) in arrivals { try await buffer.append(record(offset, key: key, partition: partition)) }
        let first = try await buffer.nextBatch(max: 4, window: .zero)
        #expect(first.map { "\($0.partition):\($0.offset)" } == ["0:0", "1:0"], "b (partition 0) and y (partition 1) may go on")
        try await buffer.append(record(2, key: "z", partition: 1))
        try await buffer.append(record(3, key: "c", partition: 0))
        let second = try await buffer.nextBatch(max: 4, window: .zero)
        #expect(second.map { "\($0.partition):\($0.offset)" } == ["0:1", "1:1", "0:2"], "b is complete (c follows); z may go on")
    }

    @Test("waiting for a first record ends with CancellationError when the waiter is cancelled")
    func cancelledWhileEmpty() async throws {
        let buffer = RecordBuffer(capacity: 10)
        let waiting = Task { try await buffer.nextBatch(max: 10, window: .zero) }
        try await Task.sleep(for: .milliseconds(50))  // let it start waiting (either way it must end)
        waiting.cancel()
        await #expect(throws: CancellationError.self) { _ = try await waiting.value }
        // The buffer still works afterwards.
        try await buffer.append(record(0, key: "a"))
        #expect(try await buffer.nextBatch(max: 10, window: .zero).map(\.offset) == [0])
    }
}
