import Foundation
import Kafka

/// Records waiting to be processed in batches: filled by the consumer pump, drained by the batch
/// loop after a short coalescing window. Bounded: the pump waits while it is full.
public actor RecordBuffer {
    private var records: [KafkaRecord] = []
    private let capacity: Int
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Creates a buffer.
    public init(capacity: Int) {
        self.capacity = capacity
    }

    /// Number of buffered records.
    public var count: Int { records.count }

    /// Appends a record, waiting while the buffer is full.
    public func append(_ record: KafkaRecord) async throws {
        while records.count >= capacity {
            try Task.checkCancellation()
            try await Task.sleep(for: .milliseconds(20))
        }
        records.append(record)
        resumeWaiters()
    }

    /// Drops records of revoked partitions (their new owner reads them again).
    public func drop(_ partitions: [KafkaTopicPartition]) {
        let revoked = Set(partitions)
        records.removeAll { revoked.contains($0.topicPartition) }
    }

    /// Waits for a first record, then up to `window` for more (or until `max` are there), and
    /// returns a prefix of the buffer in arrival order: `max` records, plus the run of records that
    /// follow with the same key as the last one (up to `max` more), so that the slots one poll of a
    /// target published together are not split between two batches (and two messages).
    ///
    /// Always a prefix: per partition, the records of a batch are contiguous, so storing the
    /// batch's offsets never skips a record left in the buffer.
    public func nextBatch(max: Int, window: Duration) async throws -> [KafkaRecord] {
        while records.isEmpty {
            try Task.checkCancellation()
            await withCheckedContinuation { waiters.append($0) }
        }
        let deadline = ContinuousClock.now + window
        while records.count < max, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        var count = Swift.min(max, records.count)
        if let lastKey = records[count - 1].key {
            let limit = Swift.min(records.count, count + max)
            while count < limit, records[count].key == lastKey { count += 1 }
        }
        let batch = Array(records.prefix(count))
        records.removeFirst(count)
        return batch
    }

    /// Wakes the batch loop (used on shutdown so it can observe cancellation).
    public func wake() { resumeWaiters() }

    private func resumeWaiters() {
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume() }
    }
}
