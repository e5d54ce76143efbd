import Synchronization

/// The bounded hand-over between a consumer's poll thread and its `events` sequence.
///
/// Records count against `capacity`; the poll thread asks `hasRoom` before each poll and pauses
/// fetching while the buffer is full (see `ConsumerPollLoop`). Assignment changes are always
/// accepted (they are rare and must not be lost); errors are dropped while the buffer is full.
final class ConsumerEventBuffer: Sendable {
    private struct Waiter {
        var id: UInt64
        var continuation: CheckedContinuation<KafkaConsumerEvent?, Never>
    }

    private struct State {
        var events: [KafkaConsumerEvent] = []
        var head = 0
        var recordCount = 0
        var finished = false
        var waiters: [Waiter] = []
        var nextWaiterId: UInt64 = 0

        mutating func popFirst() -> KafkaConsumerEvent? {
            guard head < events.count else { return nil }
            let event = events[head]
            head += 1
            if head >= 64, head * 2 >= events.count {
                events.removeFirst(head)
                head = 0
            }
            if case .message = event { recordCount -= 1 }
            return event
        }
    }

    let capacity: Int
    private let state = Mutex(State())

    init(capacity: Int) {
        self.capacity = max(1, capacity)
    }

    /// Whether another record may be buffered without exceeding `capacity`.
    var hasRoom: Bool {
        state.withLock { $0.recordCount < capacity }
    }

    /// Number of records buffered (for tests and diagnostics).
    var bufferedRecordCount: Int {
        state.withLock { $0.recordCount }
    }

    /// Number of readers suspended in `next()` (for tests: a reader is known to be waiting).
    var waitingReaderCount: Int {
        state.withLock { $0.waiters.count }
    }

    /// Hands an event to a waiting reader or buffers it. Errors are dropped when the buffer is full.
    func push(_ event: KafkaConsumerEvent) {
        let waiter = state.withLock { state -> Waiter? in
            guard !state.finished else { return nil }
            if state.head == state.events.count, !state.waiters.isEmpty {
                return state.waiters.removeFirst()
            }
            switch event {
            case .message:
                state.recordCount += 1
            case .error:
                guard state.recordCount < capacity else { return nil }
            case .assigned, .revoked:
                break
            }
            state.events.append(event)
            return nil
        }
        waiter?.continuation.resume(returning: event)
    }

    /// Drops buffered, unprocessed records of `partitions` (they were revoked; their offsets were
    /// not stored, so the partitions' next owner reads them again).
    func discardRecords(of partitions: Set<KafkaTopicPartition>) {
        guard !partitions.isEmpty else { return }
        state.withLock { state in
            let remaining = state.events[state.head...].filter { event in
                if case .message(let record) = event { return !partitions.contains(record.topicPartition) }
                return true
            }
            state.events = Array(remaining)
            state.head = 0
            state.recordCount = remaining.reduce(0) { count, event in
                if case .message = event { return count + 1 }
                return count
            }
        }
    }

    /// Ends the sequence: buffered records are dropped (the consumer is closed, their offsets can no
    /// longer be stored), other buffered events are still delivered, then readers get nil.
    func finish() {
        let waiters = state.withLock { state -> [Waiter] in
            state.finished = true
            let remaining = state.events[state.head...].filter { event in
                if case .message = event { return false }
                return true
            }
            state.events = Array(remaining)
            state.head = 0
            state.recordCount = 0
            defer { state.waiters.removeAll() }
            return state.waiters
        }
        for waiter in waiters { waiter.continuation.resume(returning: nil) }
    }

    /// The next event, waiting if none is buffered; nil once finished and drained, or when the
    /// calling task is cancelled.
    func next() async -> KafkaConsumerEvent? {
        let waiterId = state.withLock { state -> UInt64 in
            state.nextWaiterId += 1
            return state.nextWaiterId
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<KafkaConsumerEvent?, Never>) in
                enum Immediate {
                    case event(KafkaConsumerEvent?)
                    case wait
                }
                let immediate = state.withLock { state -> Immediate in
                    if let event = state.popFirst() { return .event(event) }
                    if state.finished || Task.isCancelled { return .event(nil) }
                    state.waiters.append(Waiter(id: waiterId, continuation: continuation))
                    return .wait
                }
                if case .event(let event) = immediate { continuation.resume(returning: event) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == waiterId }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: nil)
        }
    }
}
