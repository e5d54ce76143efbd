import Foundation

/// Which target to poll next: earliest due first, each target at most once per minimum interval,
/// with jitter so replicas and targets don't synchronise.
public struct PollSchedule: Sendable {
    /// Minimum time between two polls of one target.
    public var minInterval: TimeInterval
    /// Fraction of `minInterval` added at random to each due time (0…1).
    public var jitterFraction: Double
    private var due: [String: Date] = [:]
    private var inFlight: Set<String> = []

    /// Creates a schedule.
    public init(minInterval: TimeInterval, jitterFraction: Double = 0.1) {
        self.minInterval = minInterval
        self.jitterFraction = jitterFraction
    }

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
    /// jitter, or later if `notBefore` says so (a breaker or a Retry-After).
    public mutating func finish(
        _ targetId: String, startedAt: Date, notBefore: Date? = nil, random: Double = Double.random(in: 0..<1)
    ) {
        inFlight.remove(targetId)
        guard due[targetId] != nil else { return }
        var next = startedAt.addingTimeInterval(minInterval * (1 + random * jitterFraction))
        if let notBefore, notBefore > next { next = notBefore }
        due[targetId] = next
    }
}
