import EventBus
import Foundation
import Kafka
import Messaging
import Paziresh24
import ScraperAdapters
import ScraperDomain
import ServiceRuntime
import Synchronization

/// The scraper's long-running loops: read the watch list from this replica's partitions, poll the
/// owned targets within the budget, and keep the budget share in step with the assignment.
///
/// The consumer reads two topics with the same partition count, so the range assignor gives this
/// replica the same partition numbers of both: the watch list (`Topic.watches`) and the slot state
/// of those targets (`Topic.slotState`, written by `KafkaSlotStateStore` to the partition of each
/// target's watch record). On assignment the slot-state partitions are read from their beginning
/// up to their end offset at that moment before their targets are polled (`ScraperState` holds
/// the targets back meanwhile); later records of those partitions are applied too when they are
/// newer than what this replica knows (a previous owner's poll that ended late). A slot-state
/// partition that is not assigned here (partition counts differ) or not read back within
/// `restoreTimeout` is released with a warning: its targets' current slots are then announced
/// again, never lost.
///
/// Shutdown (task cancellation, i.e. SIGTERM through the service group): stop reading watches and
/// starting polls; requests still waiting for a budget slot are dropped; leave the consumer group at
/// once, so the partitions move to the other replicas, while the polls already talking to
/// paziresh24 get `drainTimeout` to finish and publish; then flush and close the producer. A fatal
/// producer error (the idempotent producer cannot go on) stops the service with that error, so
/// the process exits non-zero and is restarted instead of polling without being able to publish.
public final class ScraperService: Service {
    let settings: ScraperSettings
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    let state: ScraperState
    let gate: BudgetGate
    let poll: PollTarget
    let probe: RunProbe
    let client: Paziresh24Client
    let metrics: ScraperMetrics
    let logger: Logger
    let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema, WatchCancelledV1.schema, SlotStateV1.schema])
    let deadLetters: DeadLetterPublisher
    /// Fired when shutdown begins: the poll loop starts nothing more.
    private let stopping = OneShotEvent()
    /// Fired by the first poll whose publish hit a fatal producer error (kept in `fatalError`).
    private let fatal = OneShotEvent()
    private let fatalError = Mutex<KafkaError?>(nil)
    /// Counts assignments, so a restore timeout only releases the assignment it was armed for.
    private let assignments = Mutex(0)
    /// Probes in flight (polls in flight are counted by `state`).
    private let probesInFlight = Mutex(0)

    /// How long an assigned partition's slot state may take to be read back before its targets
    /// are polled anyway.
    static let restoreTimeout: Duration = .seconds(30)

    /// How often budget and breaker metrics are refreshed.
    static let metricsInterval: Duration = .seconds(2)
    /// How often the partition count of the watches topic is re-read.
    static let shareInterval: Duration = .seconds(30)

    /// Creates the service from its parts.
    public init(
        settings: ScraperSettings, consumer: KafkaConsumer, producer: KafkaProducer, state: ScraperState, gate: BudgetGate,
        poll: PollTarget, probe: RunProbe, client: Paziresh24Client, metrics: ScraperMetrics, deadLetters: DeadLetterPublisher,
        logger: Logger
    ) {
        self.probe = probe
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

    /// Runs until cancelled (shutdown) or until the watch consumer or the producer fails fatally;
    /// then leaves the group, drains and flushes (see the type's documentation).
    public func run() async throws {
        // Polls run outside this task's cancellation, so that SIGTERM does not cut off a poll
        // that already reached paziresh24: `shutdown` stops and drains them.
        let polling = Task { await self.pollLoop() }
        var failure: (any Error)?
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await self.consumeWatches() }
                group.addTask { try await self.refreshLoop() }
                group.addTask {
                    await self.fatal.wait()
                    if let error = self.fatalError.withLock({ $0 }) { throw error }
                }
                try await group.next()
                group.cancelAll()
            }
        } catch is CancellationError {
        } catch {
            failure = error
            logger.error("scraper stopped with an error", ["error": "\(error)"])
        }
        // Not a child of this (cancelled) task: the drain must be able to wait.
        await Task { await self.shutdown(polling: polling) }.value
        if let failure { throw failure }
    }

    private func shutdown(polling: Task<Void, Never>) async {
        logger.notice("scraper shutting down: leaving the group, draining polls in flight, flushing")
        let started = ContinuousClock.now
        stopping.fire()
        await gate.stop()
        async let left: Void = consumer.close()
        let drained = await Self.wait(for: polling, timeout: settings.effectiveDrainTimeout)
        if !drained {
            logger.warning("polls still in flight after the drain timeout were cancelled; their targets' next owner polls them again")
        }
        await left
        await producer.close()
        // A cancelled poll may still wait for a delivery report (with no broker, up to the message
        // timeout): closing the producer purged its message, so it ends now.
        await polling.value
        let elapsed = ContinuousClock.now - started
        logger.notice("scraper stopped", ["elapsed_ms": String(elapsed.wholeMilliseconds)])
    }

    /// Waits for `task` up to `timeout`; cancels it after that, without waiting for it to end (a
    /// poll publishing to a dead broker ends only when the producer is closed).
    /// - Returns: whether it ended within the timeout.
    private static func wait(for task: Task<Void, Never>, timeout: Duration) async -> Bool {
        let done = OneShotEvent()
        Task {
            await task.value
            done.fire()
        }
        let finished = await done.wait(until: .now + timeout)
        if !finished { task.cancel() }
        return finished
    }

    // MARK: Watch list

    private func consumeWatches() async throws {
        // Slot-state partition → the offset of its last record at assignment: restored once read.
        var restoringUntil: [Int32: Int64] = [:]
        for try await event in consumer.events {
            switch event {
            case .assigned(let partitions):
                let ids = partitions.filter { $0.topic == Topic.watches }.map(\.partition)
                await state.assign(ids)
                logger.notice("partitions assigned", ["partitions": ids.sorted().map(String.init).joined(separator: ",")])
                let stateIds = Set(partitions.filter { $0.topic == Topic.slotState }.map(\.partition))
                restoringUntil = await startRestoring(ids, stateAssigned: stateIds)
                await updateShare()
            case .revoked(let partitions):
                let ids = partitions.filter { $0.topic == Topic.watches }.map(\.partition)
                await state.revoke(ids)
                for partition in partitions where partition.topic == Topic.slotState { restoringUntil[partition.partition] = nil }
                logger.notice("partitions revoked", ["partitions": ids.sorted().map(String.init).joined(separator: ",")])
                await updateShare()
                await refreshBreakers()
            case .message(let record):
                do {
                    let message = try decoder.decode(value: record.value, headers: record.messageHeaders)
                    if let change = WatchListChange(message) {
                        await state.apply(change, partition: record.partition)
                    } else if case .slotState(let envelope) = message, record.topic == Topic.slotState {
                        await state.restore(targetId: envelope.payload.targetId, TargetSlots(envelope.payload), partition: record.partition)
                    }
                } catch {
                    try await deadLetters.deadLetter(record, reason: error.reason, detail: error.detail)
                }
                if record.topic == Topic.slotState, let last = restoringUntil[record.partition], record.offset >= last {
                    restoringUntil[record.partition] = nil
                    await state.restored(record.partition)
                    logger.info("slot state restored", ["partition": String(record.partition)])
                }
            case .error(let error):
                logger.warning("watch consumer error", ["error": "\(error)"])
                if error.isFatal { throw error }
            }
        }
    }

    /// Arms the restore of newly assigned watch partitions: each waits until its slot-state
    /// partition was read up to the end offset it has now; an empty one is restored at once.
    /// - Returns: slot-state partition → offset of its last record, for those still to read.
    private func startRestoring(_ partitions: [Int32], stateAssigned: Set<Int32>) async -> [Int32: Int64] {
        let generation = assignments.withLock {
            $0 += 1; return $0
        }
        var until: [Int32: Int64] = [:]
        for partition in partitions {
            guard stateAssigned.contains(partition) else {
                logger.warning(
                    "slot-state partition not assigned with its watch partition (do the topics have the same partition count?); its targets' slots will be announced again",
                    ["partition": String(partition)])
                await state.restored(partition)
                continue
            }
            do {
                let marks = try await consumer.watermarks(
                    for: KafkaTopicPartition(topic: Topic.slotState, partition: partition), timeout: .seconds(10))
                if marks.high > marks.low { until[partition] = marks.high - 1 } else { await state.restored(partition) }
            } catch {
                logger.warning(
                    "could not read the slot-state end offset; its targets' slots will be announced again",
                    ["partition": String(partition), "error": "\(error)"])
                await state.restored(partition)
            }
        }
        if !until.isEmpty {
            let pending = Array(until.keys)
            Task { [self] in
                try? await Task.sleep(for: Self.restoreTimeout)
                guard assignments.withLock({ $0 }) == generation else { return }
                let late = await state.restoringPartitions.intersection(pending)
                for partition in late.sorted() {
                    logger.warning("slot state not read back in time; polling its targets anyway", ["partition": String(partition)])
                    await state.restored(partition)
                }
            }
        }
        return until
    }

    private var totalPartitions: Int {
        get async {
            (try? await producer.partitionCount(topic: Topic.watches, timeout: .seconds(5))) ?? max(1, settings.bus.topicPartitions)
        }
    }

    private func updateShare() async {
        let assigned = await state.assignedPartitions.count
        let total = await totalPartitions
        await gate.setShare(assigned: assigned, total: total)
        // What the sweep may use: this replica's share less what the probes are guaranteed.
        let share = (settings.globalRate - settings.interactiveRate) * Double(assigned) / Double(max(1, total))
        await state.setSweepRate(share * (1 - (settings.probingPolicy?.probeFloor ?? 0)))
    }

    private func refreshLoop() async throws {
        var lastShareUpdate = ContinuousClock.now
        while true {
            try await Task.sleep(for: Self.metricsInterval)
            if ContinuousClock.now - lastShareUpdate >= Self.shareInterval {
                await updateShare()
                lastShareUpdate = ContinuousClock.now
            }
            await gate.refresh()
            metrics.budgetInUse.set(await gate.usage(over: 30))
            metrics.probeGroups.set(Double(await state.probeGroups.count))
            await refreshBreakers()
        }
    }

    private func refreshBreakers() async {
        let owned = Set(await state.targets.map(\.id))
        metrics.breakers(client.breakerStates(), owned: owned)
    }

    // MARK: Polling

    /// Until `stopping` is set: whenever a poll or probe is due and fewer than `maxInFlight` run,
    /// takes the next budget slot, then chooses what to use it for (`ScraperState.nextWork`: a
    /// triggered poll first, then sweep polls and probes as `BudgetSplit` shares them) and starts
    /// it with that slot prepaid. Choosing when the slot comes, not when a request is queued,
    /// lets a triggered poll overtake the sweep. Then waits for the work in flight (which
    /// `shutdown` cancels after the drain timeout).
    private func pollLoop() async {
        await withDiscardingTaskGroup { group in
            while !stopping.isFired, !Task.isCancelled {
                if await state.inFlight + probesInFlight.withLock({ $0 }) >= settings.maxInFlight {
                    await Self.pause(.milliseconds(50))
                    continue
                }
                guard await state.hasWork() else {
                    await Self.pause(.milliseconds(100))
                    continue
                }
                do {
                    try await gate.acquire()
                } catch {
                    break
                }
                // Nothing due any more (a target went away meanwhile): the slot is not used.
                guard let work = await state.nextWork() else { continue }
                let slot = BudgetedTransport.PrepaidSlot()
                switch work {
                case .poll(let target, let triggered):
                    if triggered { metrics.triggeredPolls.inc() }
                    group.addTask { await BudgetedTransport.$prepaid.withValue(slot) { await self.pollOnce(target) } }
                case .probe(let query):
                    probesInFlight.withLock { $0 += 1 }
                    group.addTask {
                        await BudgetedTransport.$prepaid.withValue(slot) { await self.probeOnce(query) }
                        self.probesInFlight.withLock { $0 -= 1 }
                    }
                }
            }
        }
    }

    private func probeOnce(_ query: ProbeQuery) async {
        do {
            let result = try await probe.run(query)
            if let kind = result.errorKind {
                metrics.probe(outcome: "error_\(kind)")
                logger.warning("probe failed", ["group": query.group.description, "page": String(query.page), "kind": kind])
                return
            }
            metrics.probe(outcome: "ok")
            metrics.probePages.inc()
            if !result.outcome.triggered.isEmpty {
                metrics.probeTriggers.inc(by: Double(result.outcome.triggered.count))
                logger.info(
                    "probe saw earlier free times; polling those targets now",
                    ["group": query.group.description, "targets": result.outcome.triggered.joined(separator: ",")])
            }
        } catch {
            // Cancelled during shutdown: nothing to report.
        }
    }

    private static func pause(_ duration: Duration) async {
        try? await Task.sleep(for: duration)
    }

    private func pollOnce(_ target: ScrapeTarget) async {
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
            if result.savedState { metrics.stateSaves.inc() }
            if result.goneSlots > 0 {
                metrics.slotsGone.inc(by: Double(result.goneSlots))
                logger.info("slots gone", ["target": target.id, "doctor": target.doctor.slug, "gone": String(result.goneSlots)])
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
            if let error = error as? KafkaError, error.isFatal, recordFatal(error) {
                logger.critical("fatal producer error: stopping so the process is restarted", ["error": "\(error)"])
            }
        }
        let breakers = client.breakerStates()
        metrics.breaker(target: target.id, state: breakers[target.id] ?? .closed)
        let host = client.hostBreakerKey(for: .getFreeDays)
        metrics.breaker(target: host, state: breakers[host] ?? .closed)
        await state.finish(target.id, startedAt: startedAt, notBefore: notBefore)
    }

    /// Keeps the first fatal producer error and fires `fatal`.
    /// - Returns: true for the call that recorded it.
    private func recordFatal(_ error: KafkaError) -> Bool {
        let first = fatalError.withLock { stored in
            guard stored == nil else { return false }
            stored = error
            return true
        }
        if first { fatal.fire() }
        return first
    }
}
