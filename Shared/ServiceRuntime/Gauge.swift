import Synchronization

/// A value that goes up and down (Prometheus `gauge`), one labelled series of a family.
/// Get one from `MetricsRegistry.gauge(_:help:labels:)`.
public final class Gauge: Sendable {
    private let current = Mutex<Double>(0)

    init() {}

    /// Sets the value.
    public func set(_ value: Double) {
        current.withLock { $0 = value }
    }

    /// Adds `amount`.
    public func inc(by amount: Double = 1) {
        current.withLock { $0 += amount }
    }

    /// Subtracts `amount`.
    public func dec(by amount: Double = 1) {
        current.withLock { $0 -= amount }
    }

    /// The current value.
    public var value: Double { current.withLock { $0 } }
}
