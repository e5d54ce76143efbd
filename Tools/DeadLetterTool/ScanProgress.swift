import Kafka
import Messaging

/// The state of one read of the dead-letter topic, fed with consumer events and asked, on a
/// timer, whether the read is over. Pure: the caller passes the clock readings in.
struct ScanProgress: Sendable {
    /// When a read gives up or calls the topic read.
    struct Limits: Sendable {
        /// No record for this long after the last one (or the assignment): the end is reached.
        var idle: Duration
        /// No partition assigned within this long: the broker or the topic is not there.
        var join: Duration
        /// Stop reading after this long in all, even if records keep coming.
        var total: Duration
    }

    /// How a read ended.
    enum Decision: Sendable, Equatable {
        case finished(DeadLetterScan.Ending)
        case failed(DeadLetterToolError)
    }

    let topic: String
    let startedAt: ContinuousClock.Instant
    private(set) var entries: [DeadLetterEntry] = []
    private(set) var skipped: [DeadLetterScan.Skipped] = []
    private(set) var errors: [String] = []
    private var seen: Set<DeadLetterPosition> = []
    private var assignedAt: ContinuousClock.Instant?
    private var lastRecordAt: ContinuousClock.Instant?
    private var fatal: KafkaError?

    init(topic: String, startedAt: ContinuousClock.Instant) {
        self.topic = topic
        self.startedAt = startedAt
    }

    /// Takes in one consumer event received at `now`.
    mutating func handle(_ event: KafkaConsumerEvent, at now: ContinuousClock.Instant) {
        switch event {
        case .message(let record):
            lastRecordAt = now
            let position = DeadLetterPosition(partition: record.partition, offset: record.offset)
            // A rebalance makes the group start the partition over from the beginning: read it once.
            guard seen.insert(position).inserted else { return }
            do throws(MessageDecodingError) {
                entries.append(try DeadLetterEntry(record: record))
            } catch {
                skipped.append(DeadLetterScan.Skipped(position: position, detail: error.description))
            }
        case .assigned(let partitions):
            if !partitions.isEmpty, assignedAt == nil { assignedAt = now }
        case .revoked:
            break
        case .error(let error):
            if errors.count < 20 { errors.append(error.description) }
            if error.isFatal { fatal = error }
        }
    }

    /// Whether the read is over at `now`, and how; nil to keep reading.
    func decision(at now: ContinuousClock.Instant, limits: Limits) -> Decision? {
        if let fatal {
            return .failed(DeadLetterToolError(code: .kafka, message: "the Kafka consumer failed: \(fatal)"))
        }
        if now - startedAt >= limits.total { return .finished(.timeLimit(limits.total)) }
        guard let assignedAt else {
            guard now - startedAt < limits.join else {
                let hint = errors.last.map { " (last error: \($0))" } ?? ""
                return .failed(
                    DeadLetterToolError(
                        code: .brokerUnavailable,
                        message: "no partition of \(topic) was assigned within \(limits.join): "
                            + "is the broker reachable and does the topic exist?\(hint)",
                        isRetriable: true))
            }
            return nil
        }
        let quietSince = max(assignedAt, lastRecordAt ?? assignedAt)
        return now - quietSince >= limits.idle ? .finished(.idle(limits.idle)) : nil
    }

    /// The result of the read.
    func scan(ending: DeadLetterScan.Ending) -> DeadLetterScan {
        DeadLetterScan(entries: entries, skipped: skipped, ending: ending, errors: errors)
    }
}
