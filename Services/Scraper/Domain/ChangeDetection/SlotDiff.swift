import Foundation

/// The scraper's change detection: per-target memory of the free slots seen by the last
/// successful poll. `ScraperState` holds one; `PollTarget` asks it which slots are new and commits
/// a poll once its events are published.
///
/// Only slots absent from the previous successful poll are new; a failed poll changes nothing; a
/// slot that disappears and comes back is new again. The memory is per replica and in memory: after
/// a restart or a reassignment the first poll announces the current slots again, and the notifier's
/// idempotency key (user, target, slot start) absorbs the repeats.
public struct SlotDiff: Sendable {
    private var seen: [String: Set<Date>] = [:]

    /// Creates an empty memory.
    public init() {}

    /// The slot starts of a successful poll that the previous successful poll did not list,
    /// earliest first. Nothing is recorded until `commit`, so a poll whose events could not be
    /// published announces the same slots again next time.
    public func newSlots(targetId: String, freeSlotStarts: Set<Date>) -> [Date] {
        freeSlotStarts.subtracting(seen[targetId] ?? []).sorted()
    }

    /// Records a successful poll whose new slots have been published.
    public mutating func commit(targetId: String, freeSlotStarts: Set<Date>) {
        seen[targetId] = freeSlotStarts
    }

    /// Forgets a target (revoked or cancelled).
    public mutating func forget(targetId: String) {
        seen.removeValue(forKey: targetId)
    }
}
