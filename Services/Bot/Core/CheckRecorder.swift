import EventBus
import Foundation
import Kafka
import Messaging
import ServiceRuntime

/// Records `doctor.checked` events in PostgreSQL (`target_checks`), so `/status` can show the last
/// check and the slots free now. Offsets are stored after the row is written.
public final class CheckRecorder: Service {
    let consumer: KafkaConsumer
    let store: any BotStore
    let deadLetters: DeadLetterPublisher
    let logger: Logger
    let decoder = MessageDecoder(accepting: [DoctorCheckedV1.schema])

    /// Creates the recorder.
    public init(consumer: KafkaConsumer, store: any BotStore, deadLetters: DeadLetterPublisher, logger: Logger) {
        self.consumer = consumer
        self.store = store
        self.deadLetters = deadLetters
        self.logger = logger
    }

    public func run() async throws {
        do {
            for try await event in consumer.events {
                guard case .message(let record) = event else { continue }
                switch Result(catching: { () throws(MessageDecodingError) in
                    try decoder.decode(value: record.value, headers: record.messageHeaders)
                }) {
                case .success(.doctorChecked(let envelope)):
                    var attempt = 0
                    while true {
                        do {
                            try await store.recordCheck(envelope.payload)
                            break
                        } catch {
                            attempt += 1
                            logger.warning("could not record a check; retrying", ["error": "\(error)"])
                            try await Task.sleep(for: .milliseconds(Int64(min(30_000, 250 * (1 << min(attempt, 7))))))
                        }
                    }
                case .success(let other):
                    try await deadLetters.deadLetter(
                        record, reason: .unknownSchema, detail: "\(other.schema) is not handled here")
                case .failure(let error):
                    try await deadLetters.deadLetter(record, reason: error.reason, detail: error.detail)
                }
                try? consumer.storeOffset(record)
            }
        } catch is CancellationError {}
        await consumer.close()
    }
}
