import Synchronization

/// A monotonically increasing count (Prometheus `counter`), one labelled series of a family.
/// Get one from `MetricsRegistry.counter(_:help:labels:)`.
public final class Counter: Sendable {
    private let total = Mutex<Double>(0)

    init() {}

    /// Adds `amount`; negative or non-finite amounts are ignored (a counter never goes down).
    public func inc(by amount: Double = 1) {
        guard amount >= 0, amount.isFinite else { return }
        total.withLock { $0 += amount }
    }

    /// The current total.
    public var value: Double { total.withLock { $0 } }
}
