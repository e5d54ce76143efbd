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

    /// Adds a target, due soon (within the jitter window) so a new target is polled quickly.
    public mutating func add(_ targetId: String, now: Date, random: Double = Double.random(in: 0..<1)) {
        guard due[targetId] == nil else { return }
        due[targetId] = now.addingTimeInterval(random * jitterFraction * minInterval)
    }

    /// Removes a target.
    public mutating func remove(_ targetId: String) {
        due.removeValue(forKey: targetId)
        inFlight.remove(targetId)
    }

    /// The next target that is not being polled and its due time.
    public func next() -> (targetId: String, due: Date)? {
        due.filter { !inFlight.contains($0.key) }.min { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }
            .map { ($0.key, $0.value) }
    }

    /// Marks a target as being polled now.
    public mutating func start(_ targetId: String) {
        inFlight.insert(targetId)
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
