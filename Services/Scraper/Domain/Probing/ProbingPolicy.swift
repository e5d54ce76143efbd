import Foundation

/// How a replica probes: the settings of `ScraperState`'s probing (nil there: probing off, every
/// target polled every minimum interval).
public struct ProbingPolicy: Sendable, Hashable {
    /// Time between two sweep polls of a probed target.
    public var sweepInterval: TimeInterval
    /// Minimum time between two probe cycles of one group.
    public var probeInterval: TimeInterval
    /// Minimum share of the sweep-or-probe budget slots that go to probes (see `BudgetSplit`).
    public var probeFloor: Double
    /// Most pages read per probe cycle of a group.
    public var maxPages: Int

    /// Creates a policy.
    public init(sweepInterval: TimeInterval, probeInterval: TimeInterval, probeFloor: Double, maxPages: Int = 10) {
        self.sweepInterval = sweepInterval
        self.probeInterval = probeInterval
        self.probeFloor = probeFloor
        self.maxPages = maxPages
    }
}
