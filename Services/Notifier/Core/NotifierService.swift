import EventBus
import Foundation
import Kafka
import Messaging
import ServiceRuntime

/// The notifier's loop: pump `slot.found` records into a buffer, take them in batches after the
/// coalescing window, dead-letter what cannot be decoded, deliver the rest, and only then store the
/// batch's offsets. A failing dependency is retried with backoff; offsets stay unstored meanwhile.
public final class NotifierService: Service {
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let deliver: DeliverSlotBatch
    let deadLetters: DeadLetterPublisher
    let buffer: RecordBuffer
    let batchSize: Int
    let window: Duration
    let metrics: NotifierMetrics
    let logger: Logger
    let decoder = MessageDecoder(accepting: [SlotFoundV1.schema])

    /// Creates the service.
    public init(
        consumer: KafkaConsumer, producer: KafkaProducer, deliver: DeliverSlotBatch, deadLetters: DeadLetterPublisher,
        batchSize: Int, window: Duration, metrics: NotifierMetrics, logger: Logger
    ) {
        self.consumer = consumer
        self.producer = producer
        self.deliver = deliver
        self.deadLetters = deadLetters
        self.buffer = RecordBuffer(capacity: max(batchSize * 4, 1000))
        self.batchSize = batchSize
        self.window = window
        self.metrics = metrics
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.pump() }
                group.addTask { try await self.batches() }
                try await group.next()
                group.cancelAll()
                await buffer.wake()
                while !group.isEmpty { _ = try? await group.next() }
            }
        } catch is CancellationError {
        } catch {
            logger.error("notifier stopped with an error", ["error": "\(error)"])
            await shutdown()
            throw error
        }
        await shutdown()
    }

    private func shutdown() async {
        logger.notice("notifier shutting down: committing stored offsets, leaving the group, flushing")
        await consumer.close()
        await producer.close()
    }

    private func pump() async throws {
        for try await event in consumer.events {
            switch event {
            case .message(let record): try await buffer.append(record)
            case .revoked(let partitions):
                await buffer.drop(partitions)
                logger.notice("partitions revoked", ["count": String(partitions.count)])
            case .assigned(let partitions):
                logger.notice("partitions assigned", ["count": String(partitions.count)])
            case .error(let error):
                logger.warning("slot consumer error", ["error": "\(error)"])
                if error.isFatal { throw error }
            }
        }
    }

    private func batches() async throws {
        while true {
            let records = try await buffer.nextBatch(max: batchSize, window: window)
            try await process(records)
        }
    }

    /// Processes one batch to completion (retrying failures), then stores its offsets.
    func process(_ records: [KafkaRecord]) async throws {
        var slots: [SlotFoundV1] = []
        for record in records {
            switch Result(catching: { () throws(MessageDecodingError) in try decoder.decode(value: record.value, headers: record.messageHeaders) }) {
            case .success(.slotFound(let envelope)):
                slots.append(envelope.payload)
            case .success(let other):
                try await deadLetters.deadLetter(record, reason: .unknownSchema, detail: "\(other.schema) is not handled here")
            case .failure(let error):
                try await deadLetters.deadLetter(record, reason: error.reason, detail: error.detail)
            }
        }
        var attempt = 0
        while true {
            do {
                let report = try await deliver.run(slots)
                metrics.batches.inc()
                if report.matched > 0 {
                    logger.info(
                        "batch delivered",
                        ["slots": String(slots.count), "notices": String(report.matched), "sent": String(report.sent),
                         "suppressed": String(report.suppressed), "blocked": String(report.blocked), "rejected": String(report.rejected)])
                }
                break
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                attempt += 1
                let delay = min(30.0, 0.25 * pow(2, Double(min(attempt, 10))))
                logger.error("batch failed; retrying", ["error": "\(error)", "attempt": String(attempt), "delay_s": String(delay)])
                try await Task.sleep(for: .milliseconds(Int64(delay * 1000)))
            }
        }
        for record in records {
            do { try consumer.storeOffset(record) } catch {
                // The partition moved during the batch: its new owner replays it, idempotently.
                logger.debug("could not store an offset", ["error": "\(error)"])
            }
        }
    }
}
