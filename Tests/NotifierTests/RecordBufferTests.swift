import Foundation
import Kafka
import NotifierCore
import Testing

/// How the buffer cuts batches: the coalescing window, the size limit, and a poll's run of records
/// kept together.
@Suite("RecordBuffer")
struct RecordBufferTests {
    func record(_ offset: Int64, key: String, partition: Int32 = 0) -> KafkaRecord {
        KafkaRecord(
            topic: "smartwhale.data.slots", partition: partition, offset: offset, key: Array(key.utf8), value: [], headers: [], timestamp: nil)
    }

    @Test("records arriving within the window form one batch")
    func window() async throws {
        let buffer = RecordBuffer(capacity: 100)
        try await buffer.append(record(0, key: "a"))
        let later = Task {
            try await Task.sleep(for: .milliseconds(100))
            try await buffer.append(record(1, key: "b"))
        }
        let batch = try await buffer.nextBatch(max: 10, window: .milliseconds(600))
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
}
