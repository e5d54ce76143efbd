import EventBus
import Foundation
import Kafka
import Messaging
import Paziresh24
import ServiceRuntime

/// The scraper's long-running loops: read the watch list from this replica's partitions, poll the
/// owned targets within the budget, and keep the budget share in step with the assignment.
///
/// On shutdown (task cancellation) it stops starting polls, lets the consumer leave the group (so the
/// targets move to other replicas at once) and flushes the producer.
public final class ScraperService: Service {
    let settings: ScraperSettings
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let state: ScraperState
    let gate: BudgetGate
    let poll: PollTarget
    let client: Paziresh24Client
    let metrics: ScraperMetrics
    let logger: Logger
    let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema, WatchCancelledV1.schema])
    let deadLetters: DeadLetterPublisher

    /// Creates the service from its parts.
    public init(
        settings: ScraperSettings, consumer: KafkaConsumer, producer: KafkaProducer, state: ScraperState, gate: BudgetGate,
        poll: PollTarget, client: Paziresh24Client, metrics: ScraperMetrics, deadLetters: DeadLetterPublisher, logger: Logger
    ) {
        self.settings = settings
        self.consumer = consumer
        self.producer = producer
        self.state = state
        self.gate = gate
        self.poll = poll
        self.client = client
        self.metrics = metrics
        self.deadLetters = deadLetters
        self.logger = logger
    }

    public func run() async throws {
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.consumeWatches() }
                group.addTask { try await self.pollLoop() }
                group.addTask { try await self.refreshShare() }
                try await group.next()
                group.cancelAll()
                while !group.isEmpty { _ = try? await group.next() }
            }
        } catch is CancellationError {
        } catch {
            logger.error("scraper stopped with an error", ["error": "\(error)"])
            await shutdown()
            throw error
        }
        await shutdown()
    }

    private func shutdown() async {
        logger.notice("scraper shutting down: leaving the group and flushing")
        await consumer.close()
        await producer.close()
    }

    // MARK: Watch list

    private func consumeWatches() async throws {
        for try await event in consumer.events {
            switch event {
            case .assigned(let partitions):
                let ids = partitions.filter { $0.topic == Topic.watches }.map(\.partition)
                await state.assign(ids)
                logger.notice("partitions assigned", ["partitions": ids.sorted().map(String.init).joined(separator: ",")])
                await updateShare()
            case .revoked(let partitions):
                let ids = partitions.filter { $0.topic == Topic.watches }.map(\.partition)
                await state.revoke(ids)
                logger.notice("partitions revoked", ["partitions": ids.sorted().map(String.init).joined(separator: ",")])
                await updateShare()
            case .message(let record):
                do {
                    let message = try decoder.decode(value: record.value, headers: record.messageHeaders)
                    await state.apply(message, partition: record.partition)
                } catch {
                    try await deadLetters.deadLetter(record, reason: error.reason, detail: error.detail)
                }
            case .error(let error):
                logger.warning("watch consumer error", ["error": "\(error)"])
                if error.isFatal { throw error }
            }
        }
    }

    private var totalPartitions: Int {
        get async {
            (try? await producer.partitionCount(topic: Topic.watches, timeout: .seconds(5))) ?? max(1, settings.bus.topicPartitions)
        }
    }

    private func updateShare() async {
        let assigned = await state.assignedPartitions.count
        await gate.setShare(assigned: assigned, total: await totalPartitions)
    }

    private func refreshShare() async throws {
        while true {
            try await Task.sleep(for: .seconds(30))
            await updateShare()
            for (key, breaker) in client.breakerStates() where !key.hasPrefix("host:") {
                metrics.breaker(target: key, open: breaker == .open)
            }
        }
    }

    // MARK: Polling

    private func pollLoop() async throws {
        try await withThrowingDiscardingTaskGroup { group in
            while !Task.isCancelled {
                if await state.inFlight >= settings.maxInFlight {
                    try await Task.sleep(for: .milliseconds(50))
                    continue
                }
                guard let (targetId, due) = await state.next() else {
                    try await Task.sleep(for: .milliseconds(200))
                    continue
                }
                let wait = due.timeIntervalSinceNow
                if wait > 0 {
                    // Look again soon: a new target may become due earlier than this one.
                    try await Task.sleep(for: .milliseconds(Int64(min(wait, 0.5) * 1000) + 1))
                    continue
                }
                guard let target = await state.start(targetId) else { continue }
                group.addTask { await self.pollOnce(target) }
            }
        }
    }

    private func pollOnce(_ target: WatchTarget) async {
        let startedAt = Date()
        var notBefore: Date? = nil
        do {
            let result = try await poll.run(target)
            metrics.poll(outcome: result.errorKind.map { "error_\($0)" } ?? result.outcome.rawValue)
            if result.outcome != .error { metrics.lastSuccess.set(Date().timeIntervalSince1970) }
            if result.newSlots > 0 {
                metrics.slotsFound.inc(by: Double(result.newSlots))
                logger.info("new free slots", ["target": target.id, "doctor": target.doctor.slug, "new": String(result.newSlots)])
            }
            if let after = result.retryAfter {
                notBefore = startedAt.addingTimeInterval(Double(after.components.seconds))
            }
            if result.outcome == .error {
                logger.warning("poll failed", ["target": target.id, "kind": result.errorKind ?? "unknown"])
            }
        } catch is CancellationError {
        } catch {
            metrics.poll(outcome: "publish_failed")
            logger.error("could not publish poll results; the slots will be announced again", ["target": target.id, "error": "\(error)"])
        }
        metrics.breaker(target: target.id, open: client.breakerState(forTarget: target.id) == .open)
        await state.finish(target.id, startedAt: startedAt, notBefore: notBefore)
    }
}
