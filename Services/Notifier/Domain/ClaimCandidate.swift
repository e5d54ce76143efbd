import Foundation

/// A notice after the ledger insert: its slots split into fresh ones (inserted now, must pay a
/// token) and re-claimed ones (left `pending` by a crash; already paid). Settled slots are
/// dropped; slots whose episode is known to be gone (a `slot.gone` came first) are withdrawn and
/// pay nothing.
public struct ClaimCandidate: Sendable, Hashable {
    /// The notice as matched.
    public var notice: Notice
    /// Slots inserted by this claim.
    public var fresh: [SlotPeriod] = []
    /// Slots still `pending` from an earlier claim.
    public var reclaimed: [SlotPeriod] = []
    /// Slots claimed now (fresh or re-claimed) whose episode is gone: to be recorded `withdrawn`.
    public var withdrawn: [SlotPeriod] = []

    /// The candidate of `notice` given the ledger's answer per slot and the episodes known to be
    /// gone; nil when every slot is settled (a slot listed twice in a notice counts once). A
    /// candidate whose slots are all withdrawn is returned (to record them) but sends nothing.
    public init?(notice: Notice, states: [LedgerKey: LedgerSlotState], gone: Set<SlotEpisodeKey> = []) {
        self.notice = notice
        var seen = Set<LedgerKey>()
        for slot in notice.slots {
            let key = LedgerKey(chatId: notice.chatId, targetId: notice.targetId, slot: slot)
            guard seen.insert(key).inserted, let state = states[key] else { continue }
            if gone.contains(key.episodeKey) {
                withdrawn.append(slot)
                continue
            }
            switch state {
            case .fresh: fresh.append(slot)
            case .reclaimed: reclaimed.append(slot)
            }
        }
        if fresh.isEmpty && reclaimed.isEmpty && withdrawn.isEmpty { return nil }
    }

    /// The candidates of a batch's notices that have something to send, in notice order, and the
    /// notices reduced to their withdrawn slots.
    public static func candidates(
        for notices: [Notice], states: [LedgerKey: LedgerSlotState], gone: Set<SlotEpisodeKey> = []
    ) -> (candidates: [ClaimCandidate], withdrawn: [Notice]) {
        let all = notices.compactMap { ClaimCandidate(notice: $0, states: states, gone: gone) }
        return (
            all.filter { !$0.fresh.isEmpty || !$0.reclaimed.isEmpty }, all.filter { !$0.withdrawn.isEmpty }.map { $0.with($0.withdrawn) }
        )
    }

    /// The candidates of a batch's notices, in notice order (no episode known to be gone).
    public static func candidates(for notices: [Notice], states: [LedgerKey: LedgerSlotState]) -> [ClaimCandidate] {
        candidates(for: notices, states: states, gone: []).candidates
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
