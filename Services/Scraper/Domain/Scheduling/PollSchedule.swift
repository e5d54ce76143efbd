import Foundation

/// Which target to poll next: earliest due first, each target at most once per minimum interval,
/// with jitter so replicas and targets don't synchronise.
///
/// Targets covered by a probe group are *swept*: polled every `sweepInterval` instead of every
/// `minInterval`, since a probe triggers a poll (`prioritize`) as soon as their earliest free time
/// moves. A triggered target is polled before any other.
public struct PollSchedule: Sendable {
    /// Minimum time between two polls of one target.
    public var minInterval: TimeInterval
    /// Time between two sweep polls of a probed target (at least `minInterval`).
    public var sweepInterval: TimeInterval
    /// Fraction of `minInterval` added at random to each due time (0…1).
    public var jitterFraction: Double
    /// Requests/s this replica can give the sweep (its budget share less the probes' floor), or
    /// nil. With it the sweep is work-conserving: a probed target is polled as often as the budget
    /// allows for all scheduled targets — never more often than `minInterval`, never less often
    /// than `sweepInterval`. A few probed targets under a large budget are then polled every
    /// `minInterval`, as without probing (a slot later than the earliest one does not move the
    /// probe, so only the sweep finds it); a thousand under 2 requests/s every `sweepInterval`.
    public var sweepRate: Double?
    private var due: [String: Date] = [:]
    private var inFlight: Set<String> = []
    private var probed: Set<String> = []
    /// Triggered targets and when they were triggered.
    private var urgent: [String: Date] = [:]

    /// Creates a schedule.
    public init(minInterval: TimeInterval, sweepInterval: TimeInterval? = nil, jitterFraction: Double = 0.1) {
        self.minInterval = minInterval
        self.sweepInterval = max(minInterval, sweepInterval ?? minInterval)
        self.jitterFraction = jitterFraction
    }

    /// Marks a target as covered by a probe group (polled every `sweepInterval`) or not.
    public mutating func setProbed(_ targetId: String, _ isProbed: Bool) {
        if isProbed { probed.insert(targetId) } else { probed.remove(targetId) }
    }

    /// The interval between two polls of `targetId`.
    public func interval(of targetId: String) -> TimeInterval {
        guard probed.contains(targetId) else { return minInterval }
        guard let sweepRate, sweepRate > 0 else { return sweepInterval }
        return min(sweepInterval, max(minInterval, Double(due.count) / sweepRate))
    }

    /// A probe saw the target's earliest free time move: poll it before anything else (no-op for
    /// a target that is not scheduled).
    public mutating func prioritize(_ targetId: String, now: Date) {
        guard let current = due[targetId] else { return }
        due[targetId] = min(current, now)
        urgent[targetId] = now
    }

    /// The triggered target to poll first (not being polled), if any.
    public func nextTriggered() -> String? {
        urgent.filter { !inFlight.contains($0.key) && due[$0.key] != nil }
            .min { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key
    }

    /// Number of triggered targets waiting.
    public var triggeredCount: Int { urgent.count }

    /// Number of scheduled targets.
    public var count: Int { due.count }

    /// Adds a target, due soon (within the jitter window) so a new target is polled quickly, or at
    /// `resumeAt` when the target comes back after a rebalance (it keeps its place in the rotation).
    public mutating func add(
        _ targetId: String, now: Date, resumeAt: Date? = nil, random: Double = Double.random(in: 0..<1)
    ) {
        guard due[targetId] == nil else { return }
        due[targetId] = resumeAt ?? now.addingTimeInterval(random * jitterFraction * minInterval)
    }

    /// Removes a target. A poll of it still in flight stays marked until `finish`, so a target that
    /// is removed and added again meanwhile (revoked and re-assigned) is never polled twice at once.
    public mutating func remove(_ targetId: String) {
        due.removeValue(forKey: targetId)
        urgent.removeValue(forKey: targetId)
        probed.remove(targetId)
    }

    /// When a scheduled target is due (nil if it is not scheduled).
    public func dueTime(of targetId: String) -> Date? { due[targetId] }

    /// The next target that is not being polled and its due time.
    public func next() -> (targetId: String, due: Date)? {
        due.filter { !inFlight.contains($0.key) }.min { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { ($0.key, $0.value) }
    }

    /// Marks a target as being polled now. Returns `false` (and changes nothing) if a poll of it
    /// is already in flight.
    @discardableResult
    public mutating func start(_ targetId: String) -> Bool {
        inFlight.insert(targetId).inserted
    }

    /// Marks a poll finished; the target is due again one interval after the poll started, plus
    /// jitter, or later if `notBefore` says so (a breaker or a Retry-After). A trigger that came
    /// while the poll was already running keeps the target triggered (due at once).
    public mutating func finish(
        _ targetId: String, startedAt: Date, notBefore: Date? = nil, random: Double = Double.random(in: 0..<1)
    ) {
        inFlight.remove(targetId)
        guard due[targetId] != nil else { return }
        if let triggeredAt = urgent[targetId] {
            if triggeredAt > startedAt, notBefore == nil {
                due[targetId] = triggeredAt
                return
            }
            urgent.removeValue(forKey: targetId)
        }
        var next = startedAt.addingTimeInterval(interval(of: targetId) * (1 + random * jitterFraction))
        if let notBefore, notBefore > next { next = notBefore }
        due[targetId] = next
    }
}
