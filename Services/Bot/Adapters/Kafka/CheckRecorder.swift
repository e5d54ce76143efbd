import BotDomain
import EventBus
import Foundation
import Kafka
import Messaging
import Postgres
import ServiceRuntime

/// Records `doctor.checked` events in PostgreSQL (`target_checks`), so `/status` can show the last
/// check and the slots free now. Offsets are stored after the row is written, or after the record
/// was dead-lettered: undecodable records at once, and a record the database keeps refusing
/// (not an outage, which is waited out however long) after `poisonTimeout`, as `processing_failed`.
public final class CheckRecorder: Service {
    let consumer: KafkaConsumer
    let store: any CheckStore
    let deadLetters: DeadLetterPublisher
    let retrier: PoisonRetrier
    let metrics: (any BotCounters)?
    let logger: Logger
    let decoder = MessageDecoder(accepting: [DoctorCheckedV1.schema])

    /// Creates the recorder.
    public init(
        consumer: KafkaConsumer, store: any CheckStore, deadLetters: DeadLetterPublisher, poisonTimeout: Duration = .seconds(180),
        metrics: (any BotCounters)? = nil, logger: Logger, sleeper: Sleeper = .continuous
    ) {
        self.consumer = consumer
        self.store = store
        self.deadLetters = deadLetters
        self.retrier = PoisonRetrier(
            policy: PoisonRetryPolicy(timeout: poisonTimeout, backoff: Backoff(initial: .milliseconds(250), max: .seconds(30))),
            classify: { PostgresError.isPermanent($0) ? .permanent : .transient }, sleeper: sleeper)
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        do {
            for try await event in consumer.events {
                guard case .message(let record) = event else { continue }
                try await handle(record)
                try? consumer.storeOffset(record)
            }
        } catch is CancellationError {}
        await consumer.close()
    }

    /// Records one check (or dead-letters the record); returns once its offset may be stored.
    func handle(_ record: KafkaRecord) async throws {
        switch Result(catching: { () throws(MessageDecodingError) in
            try decoder.decode(value: record.value, headers: record.messageHeaders)
        }) {
        case .success(.doctorChecked(let envelope)):
            let outcome = try await retrier.run(onFailure: { failure in
                if failure.attempt == 1 || failure.attempt.isMultiple(of: 10) {
                    logger.warning(
                        failure.kind == .transient
                            ? "could not record a check; retrying"
                            : "could not record a check (permanent); retrying until the poison timeout",
                        [
                            "error": "\(failure.error)", "attempt": String(failure.attempt),
                            "failing_for_ms": String(failure.failingFor.wholeMilliseconds),
                        ])
                }
            }) {
                try await store.recordCheck(TargetCheck(envelope.payload))
            }
            if case .gaveUp(let error, let attempts) = outcome {
                logger.error(
                    "giving up a doctor.checked record that keeps failing; dead-lettering it as processing_failed",
                    [
                        "error": "\(error)", "attempts": String(attempts), "target": envelope.payload.targetId,
                        "partition": String(record.partition), "offset": String(record.offset),
                    ])
                try await deadLetters.deadLetter(record, reason: .processingFailed, detail: "\(error)")
                metrics?.poisonRecord()
            }
        case .success(let other):
            try await deadLetters.deadLetter(record, reason: .unknownSchema, detail: "\(other.schema) is not handled here")
        case .failure(let error):
            try await deadLetters.deadLetter(record, reason: error.reason, detail: error.detail)
        }
    }
}
