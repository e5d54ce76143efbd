import Foundation

/// When a slot is too old to announce: observed more than `maxAge` ago (a backlog after an
/// outage: the slot was most likely taken since), or no longer bookable (its start, or for a free
/// day its end, has passed).
///
/// A slot offered again as "still free" is exempt from `maxAge`: it was held back, not forgotten,
/// and no `slot.gone` came for it since; it rides on a notice whose own slots were just observed
/// on the same target, so the scraper is polling that target. It still expires once it has passed.
public struct SlotExpiry: Sendable, Hashable {
    /// The longest a slot may wait between being observed and being sent.
    public var maxAge: TimeInterval

    /// Creates the rule.
    public init(maxAge: TimeInterval) {
        self.maxAge = maxAge
    }

    /// Whether `slot`, listed in a notice whose slots were observed at `observedAt`, has expired at `now`.
    public func isExpired(_ slot: SlotPeriod, observedAt: Date, now: Date) -> Bool {
        if slot.hasPassed(at: now) { return true }
        return !slot.isStillFree && now.timeIntervalSince(observedAt) > maxAge
    }
}
