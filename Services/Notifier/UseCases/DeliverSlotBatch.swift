import Foundation
import ServiceRuntime

/// The notifier's use case: turn a batch of found slots (`slot.found` events) into delivered notices.
///
/// Order of effects, which is what makes delivery idempotent and lossless:
/// 1. match (one subscription query per batch) and coalesce per (user, target);
/// 2. claim in the ledger (pending rows + the `PerUserLimit`, one atomic step);
/// 3. send each claimed notice; record `sent` (or `failed`/blocked) right after — sent notices in
///    groups (`SentRecorder`), each send waiting for its own row — recording a notice that left is
///    retried through an outage until the database takes it, so an outage after a send never turns
///    into a second send (a permanent refusal is retried for `recordPoisonTimeout`, then thrown, so a
///    poison record cannot block its partition forever);
/// 4. only then does the caller store the batch's offsets.
/// A crash before 4 replays the batch: sent rows are skipped, pending ones are sent again (at most
/// the notices that were in flight are repeated; none is lost).
public struct DeliverSlotBatch: Sendable {
    let subscribers: any SubscriberDirectory
    let ledger: any DeliveryLedger
    let sender: any NoticeSending
    let events: any NotificationEventPublishing
    let limit: PerUserLimit
    let maxConcurrentSends: Int
    let metrics: (any DeliveryMetrics)?
    let logger: Logger?
    let recordRetrier: PoisonRetrier

    /// Creates the use case. `failureKind` tells the stores' outages (retried for as long as they
    /// last) from their permanent refusals (retried for `recordPoisonTimeout`, then thrown).
    public init(
        subscribers: any SubscriberDirectory, ledger: any DeliveryLedger, sender: any NoticeSending,
        events: any NotificationEventPublishing, limit: PerUserLimit, failureKind: @escaping @Sendable (any Error) -> FailureKind,
        maxConcurrentSends: Int = 16, metrics: (any DeliveryMetrics)? = nil, logger: Logger? = nil,
        recordBackoff: Backoff = Backoff(initial: .milliseconds(200), max: .seconds(5)), recordPoisonTimeout: Duration = .seconds(180)
    ) {
        self.subscribers = subscribers
        self.ledger = ledger
        self.sender = sender
        self.events = events
        self.limit = limit
        self.maxConcurrentSends = max(1, maxConcurrentSends)
        self.metrics = metrics
        self.logger = logger
        self.recordRetrier = PoisonRetrier(
            policy: PoisonRetryPolicy(timeout: recordPoisonTimeout, backoff: recordBackoff), classify: failureKind)
    }

    /// Creates the use case on one store that holds both the subscriptions and the ledger.
    public init(
        store: any NotifierStore, sender: any NoticeSending, events: any NotificationEventPublishing, limit: PerUserLimit,
        failureKind: @escaping @Sendable (any Error) -> FailureKind, maxConcurrentSends: Int = 16,
        metrics: (any DeliveryMetrics)? = nil, logger: Logger? = nil,
        recordBackoff: Backoff = Backoff(initial: .milliseconds(200), max: .seconds(5)), recordPoisonTimeout: Duration = .seconds(180)
    ) {
        self.init(
            subscribers: store, ledger: store, sender: sender, events: events, limit: limit, failureKind: failureKind,
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

    /// Processes one batch. Throws if the store fails before anything was sent (the caller retries
    /// the batch with backoff and does not store offsets) or on cancellation.
    public func run(_ slots: [FoundSlot], now: Date = Date()) async throws -> Report {
        var report = Report()
        guard !slots.isEmpty else { return report }
        let started = ContinuousClock.now
        let targetIds = Array(Set(slots.map(\.targetId))).sorted()
        let subscribers = try await self.subscribers.subscribers(forTargets: targetIds)
        let notices = SlotMatcher.notices(for: slots, subscribers: subscribers, now: now)
        report.matched = notices.count
        let matched = ContinuousClock.now
        report.matchDuration = matched - started
        guard !notices.isEmpty else { return report }
        let claim = try await ledger.claim(notices, limit: limit, now: now)
        let claimed = ContinuousClock.now
        report.claimDuration = claimed - matched
        report.suppressed = claim.suppressed.count
        metrics?.suppressed(reason: "rate_limited", count: claim.suppressed.count)
        report.coalescedSlots = claim.toSend.reduce(0) { $0 + max(0, $1.slots.count - 1) }
        metrics?.coalesced(count: report.coalescedSlots)

        let recorder = SentRecorder(ledger: ledger)
        try await withThrowingTaskGroup(of: DeliveryOutcome.self) { group in
            var iterator = Self.sendOrder(claim.toSend).makeIterator()
            func startNext() -> Bool {
                guard let notice = iterator.next() else { return false }
                group.addTask { try await deliver(notice, recorder: recorder) }
                return true
            }
            for _ in 0..<maxConcurrentSends where !startNext() { break }
            while let outcome = try await group.next() {
                switch outcome {
                case .sent: report.sent += 1
                case .blocked: report.blocked += 1
                case .rejected: report.rejected += 1
                }
                _ = startNext()
            }
        }
        report.sendDuration = ContinuousClock.now - claimed
        return report
    }

    /// The order notices go out in: every chat's first notice (earliest slot first), then every
    /// chat's second, and so on. A chat may receive one message per second, so a chat's next notice
    /// must not sit in one of the few send slots waiting for its turn while other chats could go.
    static func sendOrder(_ notices: [Notice]) -> [Notice] {
        var rank: [Int64: Int] = [:]
        let ranked = notices.enumerated()
            .sorted { ($0.element.chatId, $0.element.slots.first?.start ?? .distantPast, $0.offset) < ($1.element.chatId, $1.element.slots.first?.start ?? .distantPast, $1.offset) }
            .map { entry -> (rank: Int, offset: Int, notice: Notice) in
                let position = rank[entry.element.chatId, default: 0]
                rank[entry.element.chatId] = position + 1
                return (position, entry.offset, entry.element)
            }
        return ranked.sorted { ($0.rank, $0.offset) < ($1.rank, $1.offset) }.map(\.notice)
    }

    private func deliver(_ notice: Notice, recorder: SentRecorder) async throws -> DeliveryOutcome {
        let outcome = try await sender.send(notice)
        switch outcome {
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
        let outcome = try await recordRetrier.run(onFailure: { failure in
            metrics?.recordRetried()
            if failure.attempt == 1 || failure.attempt.isMultiple(of: 10) || failure.decision == .giveUp {
                logger?.warning(
                    failure.decision == .giveUp ? "could not record a delivery; giving up" : "could not record a delivery; retrying",
                    ["outcome": what, "chat": String(notice.chatId), "attempt": String(failure.attempt), "error": "\(failure.error)"])
            }
        }, body)
        if case .gaveUp(let error, _) = outcome { throw error }
    }
}
