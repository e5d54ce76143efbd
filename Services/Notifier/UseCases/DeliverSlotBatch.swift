import Foundation
import ServiceRuntime
import Synchronization

/// The notifier's use case: turn a batch of slot events (`slot.found`, `slot.gone`) into delivered
/// notices.
///
/// Order of effects, which is what makes delivery idempotent and lossless:
/// 0. record the batch's `slot.gone` episodes (durably, before anything is claimed: a `slot.gone`
///    follows its `slot.found` on the same partition, so a slot found and gone in one batch is
///    never announced); drop slots observed more than `expiry.maxAge` ago or already passed;
/// 1. match (one subscription query per batch) and coalesce per (user, target);
/// 2. claim in the ledger (pending rows + the `PerUserLimit` + held-back slots offered again,
///    one atomic step; slots of gone episodes are withdrawn there);
/// 3. send each claimed notice, checked right before every attempt (gone or expired slots are
///    taken out, an empty notice is not sent — `revise`); record `sent` (or `failed`/blocked) right after — sent notices in
///    groups (`SentRecorder`), each send waiting for its own row — recording a notice that left is
///    retried through an outage until the database takes it, so an outage after a send never turns
///    into a second send (a permanent refusal is retried for `recordPoisonTimeout`, then thrown, so a
///    poison record cannot block its partition forever);
/// 4. only then does the caller store the batch's offsets.
/// A send that fails (an outage of the chat pacing's database, say) stops the batch from starting
/// more sends but never cancels the sends under way: each finishes, records Telegram's answer
/// (waiting out the outage), and only then is the batch failed and retried. So a failure inside a
/// running process never repeats a notice.
/// Delivery is at least once, on purpose: a notice must not be lost silently. The one window left
/// is the death of the process (kill -9, or a shutdown cancelling a send whose request may have
/// reached Telegram, or whose answer was not yet recorded): after the restart the batch is
/// replayed, sent rows are skipped, pending ones are sent again — at most the notices that were in
/// flight (`maxConcurrentSends`) are repeated, none is lost.
public struct DeliverSlotBatch: Sendable {
    let subscribers: any SubscriberDirectory
    let ledger: any DeliveryLedger
    let sender: any NoticeSending
    let events: any NotificationEventPublishing
    let limit: PerUserLimit
    let expiry: SlotExpiry
    let readAhead: GoneSlotsReadAhead?
    let clock: @Sendable () -> Date
    let maxConcurrentSends: Int
    let metrics: (any DeliveryMetrics)?
    let logger: Logger?
    let recordRetrier: PoisonRetrier

    /// Creates the use case. `failureKind` tells the stores' outages (retried for as long as they
    /// last) from their permanent refusals (retried for `recordPoisonTimeout`, then thrown);
    /// `expiry` says when a slot is too old to send; `readAhead` holds the `slot.gone` events the
    /// consumer has read ahead of the batch being sent; `clock` is the time of the check right
    /// before a send.
    public init(
        subscribers: any SubscriberDirectory, ledger: any DeliveryLedger, sender: any NoticeSending,
        events: any NotificationEventPublishing, limit: PerUserLimit, expiry: SlotExpiry = SlotExpiry(maxAge: 300),
        readAhead: GoneSlotsReadAhead? = nil, clock: @escaping @Sendable () -> Date = { Date() },
        failureKind: @escaping @Sendable (any Error) -> FailureKind,
        maxConcurrentSends: Int = 16, metrics: (any DeliveryMetrics)? = nil, logger: Logger? = nil,
        recordBackoff: Backoff = Backoff(initial: .milliseconds(200), max: .seconds(5)), recordPoisonTimeout: Duration = .seconds(180)
    ) {
        self.subscribers = subscribers
        self.ledger = ledger
        self.sender = sender
        self.events = events
        self.limit = limit
        self.expiry = expiry
        self.readAhead = readAhead
        self.clock = clock
        self.maxConcurrentSends = max(1, maxConcurrentSends)
        self.metrics = metrics
        self.logger = logger
        self.recordRetrier = PoisonRetrier(
            policy: PoisonRetryPolicy(timeout: recordPoisonTimeout, backoff: recordBackoff), classify: failureKind)
    }

    /// Creates the use case on one store that holds both the subscriptions and the ledger.
    public init(
        store: any NotifierStore, sender: any NoticeSending, events: any NotificationEventPublishing, limit: PerUserLimit,
        expiry: SlotExpiry = SlotExpiry(maxAge: 300), readAhead: GoneSlotsReadAhead? = nil,
        failureKind: @escaping @Sendable (any Error) -> FailureKind, maxConcurrentSends: Int = 16,
        metrics: (any DeliveryMetrics)? = nil, logger: Logger? = nil,
        recordBackoff: Backoff = Backoff(initial: .milliseconds(200), max: .seconds(5)), recordPoisonTimeout: Duration = .seconds(180)
    ) {
        self.init(
            subscribers: store, ledger: store, sender: sender, events: events, limit: limit, expiry: expiry, readAhead: readAhead,
            failureKind: failureKind,
            maxConcurrentSends: maxConcurrentSends, metrics: metrics, logger: logger, recordBackoff: recordBackoff,
            recordPoisonTimeout: recordPoisonTimeout)
    }

    /// What happened to a batch.
    public struct Report: Sendable, Equatable {
        /// Notices the matching produced (one per user and target).
        public var matched = 0
        /// Notices Telegram accepted.
        public var sent = 0
        /// Notices recorded as suppressed by the rate limit.
        public var suppressed = 0
        /// Slots (one per user and slot) taken out of notices because their episode was gone.
        public var withdrawn = 0
        /// Slots (one per user and slot) not sent because they were too old or had passed.
        public var expired = 0
        /// `slot.gone` events recorded.
        public var gone = 0
        /// Notices to users who blocked the bot (403).
        public var blocked = 0
        /// Notices Telegram refused for good (400…).
        public var rejected = 0
        /// Slots folded into another slot's notice.
        public var coalescedSlots = 0
        /// Time spent finding the subscribers and matching their filters.
        public var matchDuration = Duration.zero
        /// Time spent claiming the notices in the ledger (and the rate limit).
        public var claimDuration = Duration.zero
        /// Time spent sending and recording the claimed notices.
        public var sendDuration = Duration.zero
        /// Creates an empty report.
        public init() {}
    }

    /// Processes one batch of found slots (no `slot.gone`).
    public func run(_ slots: [FoundSlot], now: Date = Date()) async throws -> Report {
        try await run(events: slots.map(SlotEvent.found), now: now)
    }

    /// Processes one batch, in topic order per target. Throws if the store fails before the sends,
    /// or if a send fails — then only after every send under way has finished and recorded
    /// Telegram's answer (the caller retries the batch with backoff and does not store offsets) —
    /// or on cancellation.
    public func run(events: [SlotEvent], now: Date = Date()) async throws -> Report {
        var report = Report()
        guard !events.isEmpty else { return report }
        let started = ContinuousClock.now
        var gone: [GoneSlot] = []
        var found: [FoundSlot] = []
        for event in events {
            switch event {
            case .found(let slot): found.append(slot)
            case .gone(let slot): gone.append(slot)
            }
        }
        // A slot.gone comes after its slot.found (same key, same partition): recording every gone
        // episode of the batch first withdraws the slots found and gone within the batch.
        if !gone.isEmpty {
            try await ledger.recordGone(gone)
            report.gone = gone.count
        }
        guard !found.isEmpty else { return report }
        let targetIds = Array(Set(found.map(\.targetId))).sorted()
        let subscribers = try await self.subscribers.subscribers(forTargets: targetIds)
        // Expiry per found slot (each has its own observed_at), counted per user it would have reached.
        let (expired, current) = found.reduce(into: ([FoundSlot](), [FoundSlot]())) { split, slot in
            if expiry.isExpired(slot.slot, observedAt: slot.observedAt, now: now) { split.0.append(slot) } else { split.1.append(slot) }
        }
        if !expired.isEmpty {
            report.expired = SlotMatcher.notices(for: expired, subscribers: subscribers, now: now).reduce(0) { $0 + $1.slots.count }
            metrics?.expired(count: report.expired)
        }
        let notices = SlotMatcher.notices(for: current, subscribers: subscribers, now: now)
        report.matched = notices.count
        let matched = ContinuousClock.now
        report.matchDuration = matched - started
        guard !notices.isEmpty else { return report }
        let claim = try await ledger.claim(notices, limit: limit, now: now)
        let claimed = ContinuousClock.now
        report.claimDuration = claimed - matched
        report.suppressed = claim.suppressed.count
        report.withdrawn += claim.withdrawnSlots
        report.expired += claim.expiredSlots
        metrics?.suppressed(reason: "rate_limited", count: claim.suppressed.count)
        metrics?.withdrawn(count: claim.withdrawnSlots)
        metrics?.expired(count: claim.expiredSlots)
        report.coalescedSlots = claim.toSend.reduce(0) { $0 + max(0, $1.slots.count - 1) }
        metrics?.coalesced(count: report.coalescedSlots)

        let withheld = Withheld()
        let recorder = SentRecorder(ledger: ledger)
        try await withThrowingTaskGroup(of: DeliveryOutcome.self) { group in
            var iterator = Self.sendOrder(claim.toSend).makeIterator()
            func startNext() -> Bool {
                guard let notice = iterator.next() else { return false }
                group.addTask { try await deliver(notice, recorder: recorder, withheld: withheld) }
                return true
            }
            for _ in 0..<maxConcurrentSends where !startNext() { break }
            // A send that fails (e.g. the shared chat pacing cannot reach the database) must not
            // cancel its siblings: one of them may have its answer from Telegram in hand and be
            // waiting out the outage to record it. Cancelled, it would leave its row `pending`, and
            // the batch's replay would send that notice a second time. So the first failure only
            // stops new sends; the ones under way finish (and record), then the failure is thrown.
            var firstFailure: (any Error)?
            while true {
                let next: DeliveryOutcome?
                do {
                    next = try await group.next()
                } catch {
                    if firstFailure == nil || firstFailure is CancellationError { firstFailure = error }
                    continue
                }
                guard let outcome = next else { break }
                switch outcome {
                case .sent: report.sent += 1
                case .blocked: report.blocked += 1
                case .rejected: report.rejected += 1
                case .withdrawn: break
                }
                if firstFailure == nil { _ = startNext() }
            }
            if let firstFailure {
                logger?.warning(
                    "a send failed; the batch's sends under way were finished and recorded, the rest is retried with the batch",
                    ["error": "\(firstFailure)", "sent": String(report.sent)])
                throw firstFailure
            }
        }
        report.sendDuration = ContinuousClock.now - claimed
        let counts = withheld.counts
        report.withdrawn += counts.withdrawn
        report.expired += counts.expired
        return report
    }

    /// The order notices go out in: every chat's first notice (earliest slot first), then every
    /// chat's second, and so on. A chat may receive one message per second, so a chat's next notice
    /// must not sit in one of the few send slots waiting for its turn while other chats could go.
    static func sendOrder(_ notices: [Notice]) -> [Notice] {
        var rank: [Int64: Int] = [:]
        let ranked = notices.enumerated()
            .sorted {
                ($0.element.chatId, $0.element.slots.first?.start ?? .distantPast, $0.offset) < (
                    $1.element.chatId, $1.element.slots.first?.start ?? .distantPast, $1.offset
                )
            }
            .map { entry -> (rank: Int, offset: Int, notice: Notice) in
                let position = rank[entry.element.chatId, default: 0]
                rank[entry.element.chatId] = position + 1
                return (position, entry.offset, entry.element)
            }
        return ranked.sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }.map(\.notice)
    }

    /// Slots taken out of notices right before sending, counted across a batch's send tasks.
    final class Withheld: Sendable {
        private let state = Mutex((withdrawn: 0, expired: 0))
        func add(withdrawn: Int, expired: Int) {
            state.withLock {
                $0.withdrawn += withdrawn; $0.expired += expired
            }
        }
        var counts: (withdrawn: Int, expired: Int) { state.withLock { $0 } }
    }

    /// The notice as it may be sent now: the slots whose episode is gone (recorded, or read ahead
    /// by the consumer) and the expired ones are taken out and recorded so; nil if none is left.
    func revise(_ notice: Notice, withheld: Withheld? = nil) async throws -> Notice? {
        let now = clock()
        let keys = SlotEpisodeKey.keys(of: notice)
        var gone = await readAhead?.gone(among: keys) ?? []
        let stored: Set<SlotEpisodeKey> = try await retrying("check", notice) { try await ledger.goneEpisodes(among: keys) }
        gone.formUnion(stored)
        let revision = NoticeRevision(notice, gone: gone, expiry: expiry, now: now)
        if revision.isUnchanged { return notice }
        if let withdrawn = revision.withdrawn {
            try await record("withdrawn", withdrawn) { try await ledger.markWithheld([withdrawn], as: .withdrawn) }
            metrics?.withdrawn(count: withdrawn.slots.count)
        }
        if let expired = revision.expired {
            try await record("expired", expired) { try await ledger.markWithheld([expired], as: .expired) }
            metrics?.expired(count: expired.slots.count)
        }
        withheld?.add(withdrawn: revision.withdrawn?.slots.count ?? 0, expired: revision.expired?.slots.count ?? 0)
        return revision.kept
    }

    private func deliver(_ claimed: Notice, recorder: SentRecorder, withheld: Withheld) async throws -> DeliveryOutcome {
        let current = Mutex(claimed)
        let outcome = try await sender.send(claimed) { candidate in
            let revised = try await revise(candidate, withheld: withheld)
            if let revised { current.withLock { $0 = revised } }
            return revised
        }
        let notice = current.withLock { $0 }
        switch outcome {
        case .withdrawn:
            logger?.debug("notice withdrawn before sending: its slots are gone or expired", ["chat": String(notice.chatId)])
        case .sent(let messageId):
            let sentAt = Date()
            try await record("sent", notice) {
                try await recorder.record(SentNotice(notice: notice, telegramMessageId: messageId, sentAt: sentAt))
            }
            metrics?.sent(latency: sentAt.timeIntervalSince(notice.observedAt))
            do {
                try await events.publishSent(notice, telegramMessageId: messageId, sentAt: sentAt)
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // The notice is delivered and recorded; a lost event must not resend it.
                metrics?.eventPublishFailed()
                logger?.warning("could not publish notification.sent", ["error": "\(error)", "chat": String(notice.chatId)])
            }
        case .blocked(let reason):
            try await record("blocked", notice) {
                try await subscribers.deactivateUser(chatId: notice.chatId, reason: reason)
                try await ledger.markFailed(notice, reason: "blocked: \(reason)")
            }
            metrics?.suppressed(reason: "blocked", count: 1)
        case .rejected(let reason):
            try await record("rejected", notice) { try await ledger.markFailed(notice, reason: reason) }
            metrics?.suppressed(reason: "rejected", count: 1)
        }
        return outcome
    }

    /// Records what Telegram answered, retrying (with capped backoff) until the store takes it:
    /// the answer exists only here, and losing it would send the notice again after a replay. Only
    /// a permanent refusal that lasts `recordPoisonTimeout` is thrown.
    private func record(_ what: String, _ notice: Notice, _ body: () async throws -> Void) async throws {
        try await retrying(what, notice, body)
    }

    /// Runs a store call for `notice` under the record retrier (outages waited out, a permanent
    /// refusal thrown after `recordPoisonTimeout`).
    private func retrying<Value: Sendable>(_ what: String, _ notice: Notice, _ body: () async throws -> Value) async throws -> Value {
        let outcome = try await recordRetrier.run(
            onFailure: { failure in
                metrics?.recordRetried()
                if failure.attempt == 1 || failure.attempt.isMultiple(of: 10) || failure.decision == .giveUp {
                    logger?.warning(
                        failure.decision == .giveUp ? "could not record a delivery; giving up" : "could not record a delivery; retrying",
                        ["outcome": what, "chat": String(notice.chatId), "attempt": String(failure.attempt), "error": "\(failure.error)"])
                }
            }, body)
        switch outcome {
        case .succeeded(let value): return value
        case .gaveUp(let error, _): throw error
        }
    }
}
