/// How the replica's budget slots are split between direct polls and probes, following demand.
///
/// Each slot goes, in order, to: a *triggered* poll (a probe saw an earlier time), then a probe
/// when no sweep poll is due or when probes got less than `probeFloor` of the recent slots that
/// went to probes and sweep polls (so probing never starves behind a sweep that always has work),
/// then a due sweep poll, then a due probe. Probes thus get what the sweep does not need, and at
/// least the floor.
public struct BudgetSplit: Sendable {
    /// What a budget slot is used for.
    public enum Use: String, Sendable, Hashable {
        /// A direct poll triggered by a probe.
        case triggered
        /// A direct poll of the sweep.
        case sweep
        /// A probe (one search page).
        case probe
    }

    /// Minimum share (0…1) of the sweep-or-probe slots that go to probes when both have demand.
    public var probeFloor: Double
    /// How many recent sweep-or-probe slots the share is measured over.
    public let window: Int
    private var recent: [Bool] = []

    /// Creates a split.
    public init(probeFloor: Double, window: Int = 20) {
        self.probeFloor = min(1, max(0, probeFloor))
        self.window = max(1, window)
    }

    /// Probes' share of the recent sweep-or-probe slots (0 when none).
    public var probeShare: Double {
        recent.isEmpty ? 0 : Double(recent.filter { $0 }.count) / Double(recent.count)
    }

    /// Chooses the use of the next slot from what is due, and records it; nil when nothing is.
    public mutating func pick(triggered: Bool, sweep: Bool, probe: Bool) -> Use? {
        if triggered { return .triggered }
        let use: Use
        if probe && (!sweep || probeShare < probeFloor) {
            use = .probe
        } else if sweep {
            use = .sweep
        } else {
            return nil
        }
        recent.append(use == .probe)
        if recent.count > window { recent.removeFirst(recent.count - window) }
        return use
    }
}
