import Foundation

/// A notice checked just before it is sent (or claimed): the slots known to be gone are withdrawn,
/// the expired ones dropped, and what is left is sent — or nothing, if nothing is left.
public struct NoticeRevision: Sendable, Hashable {
    /// The notice with only the slots still worth sending; nil when none is left.
    public var kept: Notice?
    /// The notice reduced to the slots withdrawn (a `slot.gone` came for them); nil when none.
    public var withdrawn: Notice?
    /// The notice reduced to the slots that expired; nil when none.
    public var expired: Notice?

    /// Revises `notice` given the episodes known to be gone, at `now`. A slot both gone and
    /// expired counts as withdrawn.
    public init(_ notice: Notice, gone: Set<SlotEpisodeKey>, expiry: SlotExpiry, now: Date) {
        var kept: [SlotPeriod] = [], withdrawn: [SlotPeriod] = [], expired: [SlotPeriod] = []
        for slot in notice.slots {
            if gone.contains(slot.episodeKey(targetId: notice.targetId)) {
                withdrawn.append(slot)
            } else if expiry.isExpired(slot, observedAt: notice.observedAt, now: now) {
                expired.append(slot)
            } else {
                kept.append(slot)
            }
        }
        func reduced(_ slots: [SlotPeriod]) -> Notice? {
            guard !slots.isEmpty else { return nil }
            var copy = notice
            copy.slots = slots
            return copy
        }
        self.kept = reduced(kept)
        self.withdrawn = reduced(withdrawn)
        self.expired = reduced(expired)
    }

    /// Whether nothing was taken out.
    public var isUnchanged: Bool { withdrawn == nil && expired == nil }
}
