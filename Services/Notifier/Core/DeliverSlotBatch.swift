import Foundation
import Messaging

/// The notifier's use case: turn a batch of `slot.found` events into delivered notices.
///
/// Order of effects, which is what makes delivery idempotent and lossless:
/// 1. match (one subscription query per batch) and coalesce per (user, target);
/// 2. claim in the ledger (pending rows + rate limit, one transaction);
/// 3. send each claimed notice; record `sent` (or `failed`/blocked) right after;
/// 4. only then does the caller store the batch's offsets.
/// A crash before 4 replays the batch: sent rows are skipped, pending ones are sent again (at most
/// the notices that were in flight are repeated; none is lost).
public struct DeliverSlotBatch: Sendable {
    let store: any NotifierStore
    let sender: any NoticeSending
    let events: any NotificationEventPublishing
    let bucket: TokenBucket
    let maxConcurrentSends: Int
    let metrics: NotifierMetrics?

    /// Creates the use case.
    public init(
        store: any NotifierStore, sender: any NoticeSending, events: any NotificationEventPublishing,
        bucket: TokenBucket, maxConcurrentSends: Int = 16, metrics: NotifierMetrics? = nil
    ) {
        self.store = store
        self.sender = sender
        self.events = events
        self.bucket = bucket
        self.maxConcurrentSends = max(1, maxConcurrentSends)
        self.metrics = metrics
    }

    /// What happened to a batch.
    public struct Report: Sendable, Equatable {
        public var matched = 0
        public var sent = 0
        public var suppressed = 0
        public var blocked = 0
        public var rejected = 0
        public var coalescedSlots = 0
    }

    /// Processes one batch. Throws if the store fails (the caller retries the batch with backoff and
    /// does not store offsets) or on cancellation.
    public func run(_ slots: [SlotFoundV1], now: Date = Date()) async throws -> Report {
        var report = Report()
        guard !slots.isEmpty else { return report }
        let targetIds = Array(Set(slots.map(\.targetId))).sorted()
        let subscribers = try await store.subscribers(forTargets: targetIds)
        let notices = SlotMatcher.notices(for: slots, subscribers: subscribers, now: now)
        report.matched = notices.count
        guard !notices.isEmpty else { return report }
        let claim = try await store.claim(notices, bucket: bucket, now: now)
        report.suppressed = claim.suppressed.count
        metrics?.suppressed(reason: "rate_limited", count: claim.suppressed.count)
        report.coalescedSlots = claim.toSend.reduce(0) { $0 + max(0, $1.slots.count - 1) }
        metrics?.coalesced(count: report.coalescedSlots)

        try await withThrowingTaskGroup(of: DeliveryOutcome.self) { group in
            var iterator = claim.toSend.makeIterator()
            func startNext() -> Bool {
                guard let notice = iterator.next() else { return false }
                group.addTask { try await deliver(notice) }
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
        return report
    }

    private func deliver(_ notice: Notice) async throws -> DeliveryOutcome {
        let outcome = try await sender.send(notice)
        switch outcome {
        case .sent(let messageId):
            let sentAt = Date()
            try await store.markSent(notice, telegramMessageId: messageId, at: sentAt)
            metrics?.sent(latency: sentAt.timeIntervalSince(notice.observedAt))
            try await events.publishSent(notice, telegramMessageId: messageId, sentAt: sentAt)
        case .blocked(let reason):
            try await store.deactivateUser(chatId: notice.chatId, reason: reason)
            try await store.markFailed(notice, reason: "blocked: \(reason)")
            metrics?.suppressed(reason: "blocked", count: 1)
        case .rejected(let reason):
            try await store.markFailed(notice, reason: reason)
            metrics?.suppressed(reason: "rejected", count: 1)
        }
        return outcome
    }
}
