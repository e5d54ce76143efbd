import Foundation
import Kafka
import Messaging
import ServiceRuntime

/// Sends records a consumer cannot process to `smartwhale.data.deadletter` with the reason, so the
/// consumer keeps going and nothing is lost.
///
/// A broker that is away is waited out with backoff, however long. A permanent refusal is not
/// retried forever: a dead letter larger than `message.max.bytes` is truncated (flagged, with the
/// original's length and SHA-256) and sent again smaller; any other permanent error (unknown topic,
/// not authorized, invalid argument…) is retried `permanentAttempts` times, then thrown as
/// `DeadLetterPublishError`, logged and counted in
/// `slothunter_deadletter_publish_failures_total{service,error}`.
public struct DeadLetterPublisher: Sendable {
    let bus: BusPublisher
    /// The consumer name written into dead letters, e.g. `notifier (group notifier)`.
    public let consumer: String
    /// The largest message the producer sends (its `message.max.bytes`); larger dead letters are truncated.
    public let maxMessageBytes: Int
    let permanentAttempts: Int
    let backoff: Backoff
    let sleeper: Sleeper
    let logger: Logger
    let counter: @Sendable (DeadLetterV1.Reason) -> Void
    let failureCounter: @Sendable (String) -> Void
    let truncatedCounter: @Sendable () -> Void

    /// librdkafka's default `message.max.bytes`, which our producers keep.
    public static let defaultMaxMessageBytes = 1_000_000

    /// Creates a dead-letter publisher; `metrics` counts `slothunter_deadletter_total{service,reason}`,
    /// `slothunter_deadletter_truncated_total{service}` and
    /// `slothunter_deadletter_publish_failures_total{service,error}`.
    public init(
        bus: BusPublisher, consumer: String, logger: Logger, metrics: MetricsRegistry?,
        maxMessageBytes: Int = DeadLetterPublisher.defaultMaxMessageBytes, permanentAttempts: Int = 5,
        backoff: Backoff = Backoff(initial: .milliseconds(200), max: .seconds(10)), sleeper: Sleeper = .continuous
    ) {
        self.bus = bus
        self.consumer = consumer
        self.maxMessageBytes = maxMessageBytes
        self.permanentAttempts = max(1, permanentAttempts)
        self.backoff = backoff
        self.sleeper = sleeper
        self.logger = logger
        let service = bus.identity.service
        self.counter = { reason in
            metrics?.counter(
                "slothunter_deadletter_total", help: "Messages sent to the dead-letter topic.",
                labels: ["service": service, "reason": reason.rawValue]
            ).inc()
        }
        self.failureCounter = { code in
            metrics?.counter(
                "slothunter_deadletter_publish_failures_total",
                help: "Dead letters given up after the broker refused them for good (the consumer then stops).",
                labels: ["service": service, "error": code]
            ).inc()
        }
        self.truncatedCounter = {
            metrics?.counter(
                "slothunter_deadletter_truncated_total", help: "Dead letters truncated to fit the broker's message size limit.",
                labels: ["service": service]
            ).inc()
        }
    }

    /// Whether a broker error will come back however often the same message is sent.
    static func isPermanent(_ error: KafkaError) -> Bool {
        if error.isFatal { return true }
        switch error.code {
        case .messageTooLarge, .invalidArgument, .invalidConfiguration, .notAuthorized, .unsupported: return true
        case .unknownTopicOrPartition: return !error.isRetriable
        default: return false
        }
    }

    /// Dead-letters a record. Returns once the broker acknowledged it.
    /// - Throws: `CancellationError`, or `DeadLetterPublishError` when the broker refused it for good.
    public func deadLetter(_ record: KafkaRecord, reason: DeadLetterV1.Reason, detail: String) async throws {
        let source = "\(record.topic)/\(record.partition)/\(record.offset)"
        var limit = maxMessageBytes
        func build() throws -> (message: EncodedMessage, truncated: Bool) {
            try DeadLetterBuilder.buildReportingTruncation(
                reason: reason, detail: detail, sourceTopic: record.topic, sourcePartition: record.partition,
                sourceOffset: record.offset, consumer: consumer, originalKey: record.key, originalValue: record.value,
                originalHeaders: record.messageHeaders, producer: bus.identity, maxBytes: limit)
        }
        var (message, truncated) = try build()
        var attempt = 0
        var permanentFailures = 0
        while true {
            do {
                try await bus.send(message, topic: Topic.deadLetter)
                counter(reason)
                if truncated { truncatedCounter() }
                logger.warning(
                    truncated ? "dead-lettered a message (truncated to fit the broker's size limit)" : "dead-lettered a message",
                    [
                        "reason": reason.rawValue, "detail": detail, "topic": record.topic,
                        "partition": String(record.partition), "offset": String(record.offset),
                        "bytes": String(DeadLetterBuilder.size(of: message)),
                    ])
                return
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                attempt += 1
                guard let kafkaError = error as? KafkaError, Self.isPermanent(kafkaError) else {
                    logger.error(
                        "could not dead-letter a message; retrying", ["error": "\(error)", "attempt": String(attempt), "source": source])
                    try await sleeper.sleep(for: backoff.delay(attempt: attempt))
                    continue
                }
                let size = DeadLetterBuilder.size(of: message)
                if kafkaError.code == .messageTooLarge, size > DeadLetterBuilder.recordOverhead * 2 {
                    // The broker's limit is below ours: halve until it takes the letter (bounded:
                    // about ten rounds from 1 MB down to the floor, then it counts as permanent).
                    limit = size / 2
                    message = try build().message
                    truncated = true
                    logger.error(
                        "dead letter too large for the broker; truncating and retrying",
                        ["error": "\(kafkaError)", "bytes": String(size), "limit": String(limit), "source": source])
                    continue
                }
                permanentFailures += 1
                guard permanentFailures >= permanentAttempts else {
                    logger.error(
                        "the broker refused a dead letter; retrying a bounded number of times",
                        ["error": "\(kafkaError)", "attempt": String(permanentFailures), "of": String(permanentAttempts), "source": source])
                    try await sleeper.sleep(for: backoff.delay(attempt: permanentFailures))
                    continue
                }
                failureCounter(kafkaError.code.rawValue)
                let failure = DeadLetterPublishError(source: source, attempts: attempt, underlying: kafkaError)
                logger.critical(
                    "giving up a dead letter the broker refuses for good; the record's offset is not stored",
                    ["error": "\(failure)", "reason": reason.rawValue, "source": source])
                throw failure
            }
        }
    }
}
