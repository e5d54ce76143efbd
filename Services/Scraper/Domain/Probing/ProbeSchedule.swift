import Foundation

/// When each probe group is due and which page of its route comes next.
///
/// A group's probe reads its route page by page (one request each, as budget slots come) until
/// every watched doctor of the group was seen or the route has no more pages; then the group is
/// due again `interval` after that cycle started. New groups are spread over one interval so
/// replicas and groups do not synchronise.
public struct ProbeSchedule: Sendable {
    private struct Cycle {
        var due: Date
        var page = 1
        var startedAt: Date?
        var seen: Set<String> = []
        var slugs: Set<String>
    }

    /// Minimum time between two probe cycles of one group.
    public var interval: TimeInterval
    /// Most pages read per cycle (a route with far more doctors than watched ones is not read to
    /// its end every cycle).
    public var maxPages: Int
    private var cycles: [ProbeGroupKey: Cycle] = [:]
    private var inFlight: Set<ProbeGroupKey> = []

    /// Creates a schedule.
    public init(interval: TimeInterval, maxPages: Int = 10) {
        self.interval = interval
        self.maxPages = max(1, maxPages)
    }

    /// Number of groups scheduled.
    public var count: Int { cycles.count }

    /// Takes the current groups: new ones are due within one interval (`random` spreads them),
    /// groups gone are dropped, the others keep their place and get their new doctor list.
    public mutating func sync(_ groups: [ProbeGroup], now: Date, random: () -> Double = { Double.random(in: 0..<1) }) {
        let keys = Set(groups.map(\.key))
        for key in cycles.keys where !keys.contains(key) { cycles.removeValue(forKey: key) }
        for group in groups {
            if cycles[group.key] == nil {
                cycles[group.key] = Cycle(due: now.addingTimeInterval(random() * interval), slugs: group.slugs)
            } else {
                cycles[group.key]?.slugs = group.slugs
            }
        }
    }

    /// The probe due first (not in flight) and when it is due.
    public func next() -> (query: ProbeQuery, due: Date)? {
        cycles.filter { !inFlight.contains($0.key) }
            .min { $0.value.due < $1.value.due || ($0.value.due == $1.value.due && $0.key < $1.key) }
            .map { (ProbeQuery(group: $0.key, page: $0.value.page), $0.value.due) }
    }

    /// Marks a probe as sent; false if the group is gone or already in flight.
    public mutating func start(_ query: ProbeQuery, now: Date) -> Bool {
        guard var cycle = cycles[query.group], !inFlight.contains(query.group) else { return false }
        if cycle.page == 1 { cycle.startedAt = now; cycle.seen = [] }
        cycles[query.group] = cycle
        inFlight.insert(query.group)
        return true
    }

    /// Marks a probe finished. `page` is nil when it failed (the cycle ends, due one interval
    /// after it started). Otherwise the next page is due at once unless the cycle is complete.
    public mutating func finish(_ query: ProbeQuery, page: ProbePage?, now: Date) {
        inFlight.remove(query.group)
        guard var cycle = cycles[query.group] else { return }
        let started = cycle.startedAt ?? now
        if let page {
            cycle.seen.formUnion(page.doctors.keys)
            let complete = !page.hasMore || cycle.slugs.isSubset(of: cycle.seen) || query.page >= maxPages
            if !complete {
                cycle.page = query.page + 1
                cycle.due = now
                cycles[query.group] = cycle
                return
            }
        }
        cycle.page = 1
        cycle.due = max(now, started.addingTimeInterval(interval))
        cycles[query.group] = cycle
    }
}
