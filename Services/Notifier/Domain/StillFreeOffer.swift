import Foundation

/// "Held back is not lost": the slots a user did not hear about because of the per-user limit
/// are offered once, as "still free", in the next notice that goes to that user about the same
/// target (the notice's center and booking button are the target's) — that notice paid its token,
/// so the limit holds — unless a `slot.gone` closed them meanwhile (withdrawn) or they have passed
/// (expired). Once the notice is recorded sent, so are they: offered once.
public enum StillFreeOffer {
    /// What offering decided.
    public struct Outcome: Sendable, Equatable {
        /// The notices to send, each with its held-back slots added (marked `isStillFree`).
        public var toSend: [Notice]
        /// The notices reduced to the slots offered (the ledger marks them offered).
        public var offered: [Notice]
        /// Held-back slots found gone, per notice.
        public var withdrawn: [Notice]
        /// Held-back slots that have passed, per notice.
        public var expired: [Notice]
    }

    /// Adds to each notice of `toSend` the held-back slots of its user and target, at `now`.
    public static func attach(to toSend: [Notice], heldBack: [HeldBackSlot], now: Date) -> Outcome {
        var byPair: [PairKey: [HeldBackSlot]] = [:]
        for slot in heldBack { byPair[PairKey(chatId: slot.key.chatId, targetId: slot.key.targetId), default: []].append(slot) }
        var outcome = Outcome(toSend: [], offered: [], withdrawn: [], expired: [])
        var used = Set<PairKey>()
        for notice in toSend {
            let pair = PairKey(chatId: notice.chatId, targetId: notice.targetId)
            // One notice per user and target carries the offers (there is one per batch).
            guard used.insert(pair).inserted, let held = byPair[pair] else {
                outcome.toSend.append(notice)
                continue
            }
            let listed = Set(LedgerKey.keys(of: notice))
            var offered: [SlotPeriod] = [], withdrawn: [SlotPeriod] = [], expired: [SlotPeriod] = []
            for entry in held.sorted(by: { $0.key < $1.key }) where !listed.contains(entry.key) {
                var slot = entry.slot
                slot.isStillFree = true
                if entry.isGone {
                    withdrawn.append(slot)
                } else if slot.hasPassed(at: now) {
                    expired.append(slot)
                } else {
                    offered.append(slot)
                }
            }
            var carrying = notice
            carrying.slots = (notice.slots + offered).sorted { $0.start < $1.start }
            outcome.toSend.append(carrying)
            if let reduced = reduce(notice, to: offered) { outcome.offered.append(reduced) }
            if let reduced = reduce(notice, to: withdrawn) { outcome.withdrawn.append(reduced) }
            if let reduced = reduce(notice, to: expired) { outcome.expired.append(reduced) }
        }
        return outcome
    }

    /// The (user, target) pairs whose held-back slots a store must load for `toSend`, sorted.
    public static func pairs(of toSend: [Notice]) -> [(chatId: Int64, targetId: String)] {
        Set(toSend.map { PairKey(chatId: $0.chatId, targetId: $0.targetId) }).sorted().map { ($0.chatId, $0.targetId) }
    }

    private static func reduce(_ notice: Notice, to slots: [SlotPeriod]) -> Notice? {
        guard !slots.isEmpty else { return nil }
        var copy = notice
        copy.slots = slots.sorted { $0.start < $1.start }
        return copy
    }

    private struct PairKey: Hashable, Comparable {
        var chatId: Int64
        var targetId: String
        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.chatId, lhs.targetId) < (rhs.chatId, rhs.targetId) }
    }
}
