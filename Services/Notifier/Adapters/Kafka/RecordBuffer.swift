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
    /// returns the next batch in arrival order: the first `max` records, and per partition the
    /// rest of the run of records with the same key as its last one (up to `max` more), so that
    /// the slots one poll of a target published together are not split between two batches (and
    /// two messages). When the batch is full, a partition's last run that reaches the end of what
    /// has arrived from that partition may still be arriving: it waits for the next batch (unless
    /// it is all the batch has from that partition). A batch cut by the window is not trimmed: its
    /// last polls had the whole window to arrive.
    ///
    /// Per partition, a batch is always a prefix of what is buffered, so storing the batch's
    /// offsets never skips a record left behind.
    public func nextBatch(max: Int, window: Duration) async throws -> [KafkaRecord] {
        while records.isEmpty {
            try Task.checkCancellation()
            // Cancellation wakes the wait (the loop then throws): a batch loop must never outlive
            // its service because nothing arrived.
            await withTaskCancellationHandler {
                await withCheckedContinuation { waiters.append($0) }
            } onCancel: {
                Task { await self.wake() }
            }
        }
        let deadline = ContinuousClock.now + window
        while records.count < max, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        let selected = Self.select(records, max: max, sizeCut: records.count >= max)
        var batch: [KafkaRecord] = []
        var rest: [KafkaRecord] = []
        batch.reserveCapacity(max)
        for (index, record) in records.enumerated() {
            if selected[index] { batch.append(record) } else { rest.append(record) }
        }
        records = rest
        return batch
    }

    /// Which buffered records form the next batch (see `nextBatch`).
    static func select(_ records: [KafkaRecord], max: Int, sizeCut: Bool) -> [Bool] {
        var selected = [Bool](repeating: false, count: records.count)
        let prefix = Swift.min(max, records.count)
        var lastSelected: [KafkaTopicPartition: Int] = [:]
        for index in 0..<prefix {
            selected[index] = true
            lastSelected[records[index].topicPartition] = index
        }
        for (partition, last) in lastSelected {
            guard let key = records[last].key else { continue }
            var run = [last]
            var index = last - 1
            while index >= 0 {
                if records[index].topicPartition == partition {
                    guard records[index].key == key else { break }
                    run.append(index)
                }
                index -= 1
            }
            let runIsWholePartition = index < 0
            var extended = 0
            var moreArrived = false
            index = last + 1
            while index < records.count {
                if records[index].topicPartition == partition {
                    guard records[index].key == key, extended < max else {
                        moreArrived = true
                        break
                    }
                    selected[index] = true
                    run.append(index)
                    extended += 1
                }
                index += 1
            }
            if sizeCut, !moreArrived, !runIsWholePartition {
                for member in run { selected[member] = false }
            }
        }
        return selected
    }

    /// Wakes a waiting batch loop so that it observes its cancellation.
    private func wake() { resumeWaiters() }

    private func resumeWaiters() {
        let pending = waiters
        waiters.removeAll()
        for waiter in pending { waiter.resume() }
    }
}
