import EventBus
import Foundation
import Kafka
import Messaging
import NotifierAdapters
import NotifierDomain
import ServiceRuntime

/// The notifier's loop: pump `slot.found`/`slot.gone` records into a buffer (noting each
/// `slot.gone` at once in the `GoneSlotsReadAhead`, so notices still waiting to be sent drop its
/// slot), take them in batches after the
/// coalescing window, dead-letter what cannot be decoded, deliver the rest, and only then store the
/// batch's offsets. A failing dependency (an outage) is retried with backoff for as long as it
/// lasts; offsets stay unstored meanwhile. A batch that fails permanently is split (by target, then
/// record by record) so that healthy records are delivered and only a poison record, still failing
/// after the poison timeout, is dead-lettered as `processing_failed` (see `PoisonRetryPolicy`).
///
/// The pump also keeps the `SendPacer` told of this replica's share of the slots topic's
/// partitions, so that the replicas together never exceed the global Telegram rate.
public final class NotifierService: Service {
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let deliver: DeliverSlotBatch
    let deadLetters: DeadLetterPublisher
    let pacer: SendPacer
    let buffer: RecordBuffer
    let batchSize: Int
    let window: Duration
    let fallbackPartitionCount: Int
    let metrics: NotifierMetrics
    let logger: Logger
    let decoder = SlotRecordDecoder()
    let readAhead: GoneSlotsReadAhead?
    let ledger: (any DeliveryLedger)?
    /// Retries a batch through outages; gives it up at its first permanent failure (to be split).
    let batchRetrier: PoisonRetrier
    /// Retries one record through outages, and through permanent failures for the poison timeout.
    let recordRetrier: PoisonRetrier

    /// Creates the service; `fallbackPartitionCount` is used while the broker cannot say how many
    /// partitions `smartwhale.data.slots` has; a record failing permanently for `poisonTimeout` is
    /// dead-lettered; `failureKind` tells the store's outages from its permanent refusals.
    public init(
        consumer: KafkaConsumer, producer: KafkaProducer, deliver: DeliverSlotBatch, deadLetters: DeadLetterPublisher,
        pacer: SendPacer, batchSize: Int, window: Duration, fallbackPartitionCount: Int, poisonTimeout: Duration = .seconds(180),
        failureKind: @escaping @Sendable (any Error) -> FailureKind, metrics: NotifierMetrics, logger: Logger,
        sleeper: Sleeper = .continuous,
        readAhead: GoneSlotsReadAhead? = nil, ledger: (any DeliveryLedger)? = nil
    ) {
        self.readAhead = readAhead
        self.ledger = ledger
        self.consumer = consumer
        self.producer = producer
        self.deliver = deliver
        self.deadLetters = deadLetters
        self.pacer = pacer
        self.buffer = RecordBuffer(capacity: max(batchSize * 4, 1000))
        self.batchSize = batchSize
        self.window = window
        self.fallbackPartitionCount = max(1, fallbackPartitionCount)
        self.metrics = metrics
        self.logger = logger
        self.batchRetrier = PoisonRetrier(policy: PoisonRetryPolicy(timeout: .zero), classify: failureKind, sleeper: sleeper)
        self.recordRetrier = PoisonRetrier(policy: PoisonRetryPolicy(timeout: poisonTimeout), classify: failureKind, sleeper: sleeper)
    }

    public func run() async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.pump() }
                group.addTask { try await self.batches() }
                group.addTask { try await self.refreshShare() }
                if let ledger = self.ledger { group.addTask { try await self.purgeGoneSlots(ledger) } }
                // Whichever child ends first (or throws, or is cancelled with the service), the
                // others are stopped and awaited here, never left waiting for records.
                let first: Result<Void, any Error>
                do {
                    try await group.next()
                    first = .success(())
                } catch {
                    first = .failure(error)
                }
                group.cancelAll()  // also wakes a batch loop waiting on an empty buffer
                while !group.isEmpty { _ = try? await group.next() }
                try first.get()
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
            case .message(let record):
                if let readAhead, let gone = decoder.goneSlot(record) { await readAhead.note(gone) }
                try await buffer.append(record)
            case .revoked(let partitions):
                await buffer.drop(partitions)
                logger.notice("partitions revoked", ["partitions": Self.describe(partitions)])
                await updateShare()
            case .assigned(let partitions):
                logger.notice("partitions assigned", ["partitions": Self.describe(partitions)])
                await updateShare()
            case .error(let error):
                logger.warning("slot consumer error", ["error": "\(error)"])
                if error.isFatal { throw error }
            }
        }
    }

    /// Recomputes this replica's share of the global send rate from its current assignment.
    func updateShare() async {
        let assigned = consumer.assignment().filter { $0.topic == Topic.slots }.count
        let total = (try? await producer.partitionCount(topic: Topic.slots, timeout: .seconds(5))) ?? fallbackPartitionCount
        let rate = await pacer.setShare(assigned: assigned, total: total)
        metrics.share(assigned: assigned, rate: rate)
        logger.info(
            "send rate share updated",
            ["assigned": String(assigned), "partitions": String(total), "rate_per_s": String(format: "%.2f", rate)])
    }

    /// The partition count can change (the topic grew): look again now and then.
    private func refreshShare() async throws {
        while true {
            try await Task.sleep(for: .seconds(30))
            await updateShare()
        }
    }

    /// Forgets, now and then, the gone episodes of slots that ended a day ago (nothing can list
    /// them any more). A failure is only logged: the next round tries again.
    private func purgeGoneSlots(_ ledger: any DeliveryLedger) async throws {
        while true {
            do {
                let purged = try await ledger.purgeGone(endedBefore: Date().addingTimeInterval(-86_400))
                if purged > 0 { logger.info("purged gone slots", ["rows": String(purged)]) }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                logger.warning("could not purge gone slots", ["error": "\(error)"])
            }
            try await Task.sleep(for: .seconds(600))
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
        let started = ContinuousClock.now
        var slots: [(record: KafkaRecord, slot: SlotEvent)] = []
        var rejected: [(record: KafkaRecord, error: MessageDecodingError)] = []
        // Decoded one after another on purpose: spread over the cooperative pool, decoding starved
        // the consumer pump of its thread, the consumer's buffer filled and paused the partitions,
        // and a backlog was read at half the speed.
        for record in records {
            switch decoder.decode(record) {
            case .success(let slot): slots.append((record, slot))
            case .failure(let error): rejected.append((record, error))
            }
        }
        if !rejected.isEmpty {
            // Independent of each other: sent concurrently, each retried until the broker has it.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (record, error) in rejected {
                    group.addTask { try await self.deadLetters.deadLetter(record, reason: error.reason, detail: error.detail) }
                }
                try await group.waitForAll()
            }
        }
        let poisoned = try await deliverIsolatingPoison(slots)
        var stored = 0
        for record in records {
            do {
                try consumer.storeOffset(record)
                stored += 1
            } catch {
                // The partition moved during the batch: its new owner replays it, idempotently.
                logger.debug("could not store an offset", ["error": "\(error)"])
            }
        }
        metrics.offsetsStored.inc(by: Double(stored))
        logger.debug(
            "batch processed",
            [
                "records": String(records.count), "slots": String(slots.count), "dead_lettered": String(rejected.count + poisoned),
                "duration_ms": String((ContinuousClock.now - started).wholeMilliseconds),
            ])
    }

    /// Delivers `items` as one batch. If that fails permanently, delivers each target's records
    /// apart, and a target's records one by one; a single record that keeps failing permanently for
    /// the poison timeout is dead-lettered (and acknowledged) before this returns. Outages are
    /// waited out at every level. Returns how many records were dead-lettered.
    func deliverIsolatingPoison(_ items: [(record: KafkaRecord, slot: SlotEvent)]) async throws -> Int {
        guard !items.isEmpty else { return 0 }
        if items.count == 1 { return try await deliverOrDeadLetter(items[0]) }
        let outcome = try await batchRetrier.run(onFailure: { logFailure($0, of: "batch", records: items.count) }) {
            try await deliver.run(events: items.map(\.slot))
        }
        if case .succeeded(let report) = outcome {
            logDelivered(report, slots: items.count)
            return 0
        }
        var byTarget: [String: [(record: KafkaRecord, slot: SlotEvent)]] = [:]
        var targets: [String] = []
        for item in items {
            if byTarget[item.slot.targetId] == nil { targets.append(item.slot.targetId) }
            byTarget[item.slot.targetId, default: []].append(item)
        }
        var poisoned = 0
        if targets.count > 1 {
            for target in targets { poisoned += try await deliverIsolatingPoison(byTarget[target] ?? []) }
        } else {
            for item in items { poisoned += try await deliverOrDeadLetter(item) }
        }
        return poisoned
    }

    /// Delivers one record under the poison policy; dead-letters it if it is given up. Returns 1
    /// when it was dead-lettered.
    private func deliverOrDeadLetter(_ item: (record: KafkaRecord, slot: SlotEvent)) async throws -> Int {
        let outcome = try await recordRetrier.run(onFailure: { logFailure($0, of: "record", records: 1) }) {
            try await deliver.run(events: [item.slot])
        }
        switch outcome {
        case .succeeded(let report):
            logDelivered(report, slots: 1)
            return 0
        case .gaveUp(let error, let attempts):
            logger.error(
                "giving up a slot record that keeps failing; dead-lettering it as processing_failed",
                [
                    "error": "\(error)", "attempts": String(attempts), "target": item.slot.targetId,
                    "partition": String(item.record.partition), "offset": String(item.record.offset),
                    "poison_timeout_ms": String(recordRetrier.policy.timeout.wholeMilliseconds),
                ])
            try await deadLetters.deadLetter(item.record, reason: .processingFailed, detail: "\(error)")
            metrics.poisonRecords.inc()
            return 1
        }
    }

    private func logFailure(_ failure: PoisonRetrier.Failure, of unit: String, records: Int) {
        let fields = [
            "error": "\(failure.error)", "attempt": String(failure.attempt), "records": String(records),
            "failing_for_ms": String(failure.failingFor.wholeMilliseconds),
        ]
        switch (failure.kind, failure.decision) {
        case (_, .retry(let delay)):
            logger.error(
                failure.kind == .transient ? "\(unit) failed; retrying" : "\(unit) failed permanently; retrying until the poison timeout",
                fields.merging(["delay_ms": String(delay.wholeMilliseconds)]) { _, new in new })
        case (_, .giveUp):
            if unit == "batch" { logger.warning("batch failed permanently; delivering its records apart to find the poison", fields) }
        }
    }

    private func logDelivered(_ report: DeliverSlotBatch.Report, slots: Int) {
        metrics.batches.inc()
        if report.gone > 0 { metrics.goneRecorded.inc(by: Double(report.gone)) }
        guard report.matched > 0 || report.gone > 0 else { return }
        logger.info(
            "batch delivered",
            [
                "slots": String(slots), "notices": String(report.matched), "sent": String(report.sent),
                "suppressed": String(report.suppressed), "withdrawn": String(report.withdrawn), "expired": String(report.expired),
                "gone": String(report.gone), "blocked": String(report.blocked), "rejected": String(report.rejected),
                "coalesced_slots": String(report.coalescedSlots), "match_ms": String(report.matchDuration.wholeMilliseconds),
                "claim_ms": String(report.claimDuration.wholeMilliseconds), "send_ms": String(report.sendDuration.wholeMilliseconds),
            ])
    }

    private static func describe(_ partitions: [KafkaTopicPartition]) -> String {
        partitions.map { "\($0.topic)[\($0.partition)]" }.sorted().joined(separator: ",")
    }
}
