import Foundation
import NotifierDomain

/// `DeliveryLedger` in memory: the ledger rows and the per-user buckets, claimed atomically (the
/// actor is the transaction). The decisions are the domain's (`ClaimCandidate`, `PerUserLimit`),
/// as in `PostgresNotifierStore`; the contract suite runs both.
public actor InMemoryDeliveryLedger: DeliveryLedger {
    /// A ledger row's status.
    public enum Status: String, Sendable, Hashable {
        case pending, sent, suppressed, failed
    }

    /// One ledger row.
    public struct Row: Sendable, Equatable {
        /// Where the row stands.
        public var status: Status
        /// Why it was suppressed or failed.
        public var reason: String?
        /// Earliest observation of the slot.
        public var observedAt: Date
        /// When Telegram accepted it.
        public var sentAt: Date?
        /// Telegram's message id.
        public var telegramMessageId: Int64?
        /// When the row last changed (the injected clock's time).
        public var updatedAt: Date
    }

    private let clock: @Sendable () -> Date
    private var rows: [LedgerKey: Row] = [:]
    private var buckets: [BucketKey: BucketState] = [:]

    /// Creates an empty ledger that stamps changes with `clock`.
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// The row of `key`, if any.
    public func row(_ key: LedgerKey) -> Row? { rows[key] }

    /// The stored state of a bucket, if it exists.
    public func bucket(_ key: BucketKey) -> BucketState? { buckets[key] }

    /// How many rows have each status.
    public var statusCounts: [Status: Int] { rows.values.reduce(into: [:]) { $0[$1.status, default: 0] += 1 } }

    public func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult {
        let stamp = clock()
        var observed: [LedgerKey: Date] = [:]
        for notice in notices {
            for key in LedgerKey.keys(of: notice) { observed[key] = min(observed[key] ?? notice.observedAt, notice.observedAt) }
        }
        var states: [LedgerKey: LedgerSlotState] = [:]
        for (key, observedAt) in observed {
            switch rows[key]?.status {
            case nil:
                rows[key] = Row(status: .pending, observedAt: observedAt, updatedAt: stamp)
                states[key] = .fresh
            case .pending?:
                states[key] = .reclaimed
            default:
                break
            }
        }
        let candidates = ClaimCandidate.candidates(for: notices, states: states)
        var loaded: [BucketKey: BucketState] = [:]
        for key in limit.bucketKeys(for: candidates) {
            let state = buckets[key] ?? limit.initialState(now: now)
            buckets[key] = state
            loaded[key] = state
        }
        let decision = limit.decide(candidates, states: loaded, now: now)
        buckets.merge(decision.states) { _, new in new }
        for notice in decision.result.suppressed { set(notice, status: .suppressed, reason: "rate_limited", at: stamp) }
        return decision.result
    }

    public func markSent(_ sent: [SentNotice]) async throws {
        let stamp = clock()
        for record in sent {
            for key in LedgerKey.keys(of: record.notice) where rows[key] != nil {
                rows[key]?.status = .sent
                rows[key]?.sentAt = record.sentAt
                rows[key]?.telegramMessageId = record.telegramMessageId ?? 0
                rows[key]?.reason = nil
                rows[key]?.updatedAt = stamp
            }
        }
    }

    public func markFailed(_ notice: Notice, reason: String) async throws {
        set(notice, status: .failed, reason: reason, at: clock())
    }

    private func set(_ notice: Notice, status: Status, reason: String, at stamp: Date) {
        for key in LedgerKey.keys(of: notice) where rows[key] != nil {
            rows[key]?.status = status
            rows[key]?.reason = reason
            rows[key]?.updatedAt = stamp
        }
    }
}
