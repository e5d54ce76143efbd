import Foundation
import NotifierDomain

/// `DeliveryLedger` in memory: the ledger rows, the per-user buckets and the gone episodes,
/// claimed atomically (the actor is the transaction). The decisions are the domain's
/// (`ClaimCandidate`, `PerUserLimit`, `StillFreeOffer`), as in `PostgresNotifierStore`; the
/// contract suite runs both.
public actor InMemoryDeliveryLedger: DeliveryLedger {
    /// A ledger row's status.
    public enum Status: String, Sendable, Hashable {
        case pending, sent, suppressed, failed, withdrawn, expired
    }

    /// One ledger row.
    public struct Row: Sendable, Equatable {
        /// Where the row stands.
        public var status: Status
        /// Why it was suppressed, failed or offered.
        public var reason: String?
        /// Earliest observation of the slot.
        public var observedAt: Date
        /// The slot (end and granularity, to offer it again).
        public var slot: SlotPeriod
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
    private var gone: [SlotEpisodeKey: Date] = [:]

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

    /// How many gone episodes are recorded.
    public var goneCount: Int { gone.count }

    public func claim(_ notices: [Notice], limit: PerUserLimit, now: Date) async throws -> ClaimResult {
        let stamp = clock()
        var observed: [LedgerKey: (Date, SlotPeriod)] = [:]
        for notice in notices {
            for slot in notice.slots {
                let key = LedgerKey(chatId: notice.chatId, targetId: notice.targetId, slot: slot)
                observed[key] = (min(observed[key]?.0 ?? notice.observedAt, notice.observedAt), observed[key]?.1 ?? slot)
            }
        }
        var states: [LedgerKey: LedgerSlotState] = [:]
        for (key, (observedAt, slot)) in observed {
            switch rows[key]?.status {
            case nil:
                rows[key] = Row(status: .pending, observedAt: observedAt, slot: slot, updatedAt: stamp)
                states[key] = .fresh
            case .pending?:
                states[key] = .reclaimed
            default:
                break
            }
        }
        let goneNow = Set(states.keys.map(\.episodeKey).filter { gone[$0] != nil })
        let (candidates, withdrawn) = ClaimCandidate.candidates(for: notices, states: states, gone: goneNow)
        var loaded: [BucketKey: BucketState] = [:]
        for key in limit.bucketKeys(for: candidates) {
            let state = buckets[key] ?? limit.initialState(now: now)
            buckets[key] = state
            loaded[key] = state
        }
        let decision = limit.decide(candidates, states: loaded, now: now)
        buckets.merge(decision.states) { _, new in new }
        for notice in decision.result.suppressed { set(notice, status: .suppressed, reason: "rate_limited", at: stamp) }
        for notice in withdrawn { set(notice, status: .withdrawn, reason: nil, at: stamp) }

        let pairs = Set(StillFreeOffer.pairs(of: decision.result.toSend).map { "\($0.chatId)|\($0.targetId)" })
        let heldBack = rows.filter { key, row in
            pairs.contains("\(key.chatId)|\(key.targetId)")
                && (row.status == .suppressed && row.reason == "rate_limited" || row.status == .pending && row.reason == "offered")
        }.map { HeldBackSlot(key: $0.key, slot: $0.value.slot, isGone: gone[$0.key.episodeKey] != nil) }
        let offer = StillFreeOffer.attach(to: decision.result.toSend, heldBack: heldBack, now: now)
        for notice in offer.offered { set(notice, status: .pending, reason: "offered", at: stamp) }
        for notice in offer.withdrawn { set(notice, status: .withdrawn, reason: nil, at: stamp) }
        for notice in offer.expired { set(notice, status: .expired, reason: nil, at: stamp) }
        return ClaimResult(
            toSend: offer.toSend, suppressed: decision.result.suppressed, withdrawn: withdrawn + offer.withdrawn, expired: offer.expired)
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

    public func markWithheld(_ notices: [Notice], as reason: WithheldReason) async throws {
        let stamp = clock()
        for notice in notices { set(notice, status: reason == .withdrawn ? .withdrawn : .expired, reason: nil, at: stamp) }
    }

    public func recordGone(_ slots: [GoneSlot]) async throws {
        for slot in slots where gone[slot.key] == nil { gone[slot.key] = slot.slot.end }
    }

    public func goneEpisodes(among keys: [SlotEpisodeKey]) async throws -> Set<SlotEpisodeKey> {
        Set(keys.filter { gone[$0] != nil })
    }

    public func purgeGone(endedBefore cutoff: Date) async throws -> Int {
        let old = gone.filter { $0.value < cutoff }.map(\.key)
        for key in old { gone[key] = nil }
        return old.count
    }

    private func set(_ notice: Notice, status: Status, reason: String?, at stamp: Date) {
        for key in LedgerKey.keys(of: notice) where rows[key] != nil {
            rows[key]?.status = status
            rows[key]?.reason = reason
            rows[key]?.updatedAt = stamp
        }
    }
}
