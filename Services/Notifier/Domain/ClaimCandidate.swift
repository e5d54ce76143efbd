import Foundation

/// A notice after the ledger insert: its slots split into fresh ones (inserted now, must pay a
/// token) and re-claimed ones (left `pending` by a crash; already paid). Settled slots are gone.
public struct ClaimCandidate: Sendable, Hashable {
    /// The notice as matched.
    public var notice: Notice
    /// Slots inserted by this claim.
    public var fresh: [SlotPeriod] = []
    /// Slots still `pending` from an earlier claim.
    public var reclaimed: [SlotPeriod] = []

    /// The candidate of `notice` given the ledger's answer per slot; nil when every slot is settled
    /// (a slot listed twice in a notice counts once).
    public init?(notice: Notice, states: [LedgerKey: LedgerSlotState]) {
        self.notice = notice
        var seen = Set<LedgerKey>()
        for slot in notice.slots {
            let key = LedgerKey(chatId: notice.chatId, targetId: notice.targetId, start: slot.start)
            guard seen.insert(key).inserted, let state = states[key] else { continue }
            switch state {
            case .fresh: fresh.append(slot)
            case .reclaimed: reclaimed.append(slot)
            }
        }
        if fresh.isEmpty && reclaimed.isEmpty { return nil }
    }

    /// The candidates of a batch's notices, in notice order.
    public static func candidates(for notices: [Notice], states: [LedgerKey: LedgerSlotState]) -> [ClaimCandidate] {
        notices.compactMap { ClaimCandidate(notice: $0, states: states) }
    }

    /// The bucket this candidate pays from: its user and doctor.
    public var bucketKey: BucketKey { BucketKey(chatId: notice.chatId, doctorSlug: notice.doctor.slug) }

    /// The earliest slot it still lists.
    public var earliest: Date { (fresh + reclaimed).map(\.start).min() ?? notice.observedAt }

    /// The notice reduced to `slots` (re-sorted, earliest first).
    public func with(_ slots: [SlotPeriod]) -> Notice {
        var reduced = notice
        reduced.slots = slots.sorted { $0.start < $1.start }
        return reduced
    }
}
