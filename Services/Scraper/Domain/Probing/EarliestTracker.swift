import Foundation

/// Change detection on probe data: per target, the earliest free time last known — from the last
/// probe or from the last direct poll, whichever came later — and the last probed value.
///
/// A probe that shows an earlier time than known, or some time after none, triggers a direct
/// poll (`ProbeVerdict.triggers`); the poll stays the truth and its earliest listed slot becomes
/// the known value. A probed value that was already acted upon never triggers twice (search data
/// that lags behind a poll does not cause a poll per probe), and a time in the past is ignored.
public struct EarliestTracker: Sendable {
    private struct Entry {
        /// The earliest time known (from a probe or a poll); `hasKnown` says whether there is one.
        var known: Date?
        var hasKnown = false
        /// The last value a probe showed; `probed` says whether any probe did.
        var lastProbe: Date?
        var probed = false
    }

    private var entries: [String: Entry] = [:]

    /// Creates an empty tracker.
    public init() {}

    /// Records what a probe showed for `targetId` (nil: no free time) at `now`.
    public mutating func observe(targetId: String, earliest: Date?, now: Date) -> ProbeVerdict {
        if let earliest, earliest < now { return .stale }
        var entry = entries[targetId] ?? Entry()
        defer { entries[targetId] = entry }
        let repeated = entry.probed && entry.lastProbe == earliest
        let hadKnown = entry.hasKnown
        let known = entry.known
        entry.lastProbe = earliest
        entry.probed = true
        guard hadKnown else {
            entry.known = earliest
            entry.hasKnown = true
            return .baseline
        }
        guard let earliest else {
            entry.known = nil
            return known == nil ? .unchanged : .later
        }
        if repeated { return .unchanged }
        entry.known = earliest
        guard let known else { return .appeared }
        if earliest < known { return .earlier }
        return earliest == known ? .unchanged : .later
    }

    /// Records what a successful direct poll listed: its earliest slot start (nil: none). Search
    /// data older than this poll then compares against the truth.
    public mutating func polled(targetId: String, earliest: Date?) {
        var entry = entries[targetId] ?? Entry()
        entry.known = earliest
        entry.hasKnown = true
        entries[targetId] = entry
    }

    /// Forgets a target (no longer owned).
    public mutating func forget(targetId: String) {
        entries.removeValue(forKey: targetId)
    }

    /// Number of targets tracked.
    public var count: Int { entries.count }
}
