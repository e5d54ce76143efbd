import Synchronization

/// Observations counted into buckets (Prometheus `histogram`), one labelled series of a family.
/// Get one from `MetricsRegistry.histogram(_:help:buckets:labels:)`.
public final class Histogram: Sendable {
    /// Prometheus' default buckets, in seconds: 5 ms to 10 s.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    /// A consistent copy of a histogram's state.
    public struct Snapshot: Sendable, Hashable {
        /// Upper bounds (inclusive) of the finite buckets, ascending; `+Inf` is implicit.
        public var upperBounds: [Double]
        /// Cumulative counts: `cumulativeCounts[i]` observations were `<= upperBounds[i]`.
        public var cumulativeCounts: [UInt64]
        /// Number of observations (the `+Inf` bucket).
        public var count: UInt64
        /// Sum of all observed values.
        public var sum: Double
    }

    private struct State {
        var bucketCounts: [UInt64]
        var count: UInt64 = 0
        var sum: Double = 0
    }

    /// Upper bounds of the finite buckets, ascending.
    public let upperBounds: [Double]
    private let state: Mutex<State>

    init(upperBounds: [Double]) {
        self.upperBounds = upperBounds
        self.state = Mutex(State(bucketCounts: Array(repeating: 0, count: upperBounds.count)))
    }

    /// Records one observation; NaN is ignored.
    public func observe(_ value: Double) {
        guard !value.isNaN else { return }
        let bucket = upperBounds.firstIndex { value <= $0 }
        state.withLock { state in
            if let bucket { state.bucketCounts[bucket] += 1 }
            state.count += 1
            state.sum += value
        }
    }

    /// Records a duration in seconds (the Prometheus base unit).
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(Double(seconds) + Double(attoseconds) / 1e18)
    }

    /// The buckets, count and sum at one instant.
    public var snapshot: Snapshot {
        let state = state.withLock { $0 }
        var running: UInt64 = 0
        let cumulative = state.bucketCounts.map { count -> UInt64 in
            running += count
            return running
        }
        return Snapshot(upperBounds: upperBounds, cumulativeCounts: cumulative, count: state.count, sum: state.sum)
    }
}
