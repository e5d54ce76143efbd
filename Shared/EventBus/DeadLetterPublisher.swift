import Foundation
import Kafka
import Messaging
import ServiceRuntime

/// Sends records a consumer cannot process to `smartwhale.data.deadletter` with the reason, so the
/// consumer keeps going and nothing is lost. Retries with backoff until the broker takes it.
public struct DeadLetterPublisher: Sendable {
    let bus: BusPublisher
    /// The consumer name written into dead letters, e.g. `notifier (group notifier)`.
    public let consumer: String
    let logger: Logger
    let counter: @Sendable (DeadLetterV1.Reason) -> Void

    /// Creates a dead-letter publisher; `metrics` counts `slothunter_deadletter_total{service,reason}`.
    public init(bus: BusPublisher, consumer: String, logger: Logger, metrics: MetricsRegistry?) {
        self.bus = bus
        self.consumer = consumer
        self.logger = logger
        let service = bus.identity.service
        self.counter = { reason in
            metrics?.counter(
                "slothunter_deadletter_total", help: "Messages sent to the dead-letter topic.",
                labels: ["service": service, "reason": reason.rawValue]
            ).inc()
        }
    }

    /// Dead-letters a record. Returns once the broker acknowledged it; throws only on cancellation.
    public func deadLetter(_ record: KafkaRecord, reason: DeadLetterV1.Reason, detail: String) async throws {
        let message = try DeadLetterBuilder.build(
            reason: reason, detail: detail, sourceTopic: record.topic, sourcePartition: record.partition,
            sourceOffset: record.offset, consumer: consumer, originalKey: record.key, originalValue: record.value,
            originalHeaders: record.messageHeaders, producer: bus.identity)
        var attempt = 0
        while true {
            do {
                try await bus.send(message, topic: Topic.deadLetter)
                counter(reason)
                logger.warning(
                    "dead-lettered a message",
                    ["reason": reason.rawValue, "detail": detail, "topic": record.topic,
                     "partition": String(record.partition), "offset": String(record.offset)])
                return
            } catch {
                attempt += 1
                logger.error("could not dead-letter a message; retrying", ["error": "\(error)", "attempt": String(attempt)])
                try await Task.sleep(for: .milliseconds(min(10_000, 200 * (1 << min(attempt, 6)))))
            }
        }
    }
}
