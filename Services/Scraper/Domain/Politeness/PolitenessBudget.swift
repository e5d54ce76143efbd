import Foundation

/// The fleet-wide request budget to paziresh24, and this replica's share of it.
///
/// The configured global rate is split by partition share: a replica that owns `a` of the watch
/// topic's `n` partitions may send `rate × a / n` requests per second, so adding replicas never adds
/// load on the source. Requests are spaced evenly (no bursts). A 429 or a run of 5xx answers lowers
/// the rate by `coolDownFactor` for `coolDown`.
public struct PolitenessBudget: Sendable {
    /// Requests per second for the whole fleet.
    public var globalRate: Double
    /// Multiplier applied during a cool-down (0 < f ≤ 1).
    public var coolDownFactor: Double
    /// How long a cool-down lasts.
    public var coolDown: TimeInterval
    /// Consecutive 5xx answers that start a cool-down.
    public var serverErrorThreshold: Int

    private(set) var assignedPartitions = 0
    private(set) var totalPartitions = 1
    private var nextSlot: Date?
    private var coolDownUntil: Date?
    private var consecutiveServerErrors = 0

    /// Creates a budget.
    public init(globalRate: Double, coolDownFactor: Double = 0.5, coolDown: TimeInterval = 60, serverErrorThreshold: Int = 3) {
        self.globalRate = globalRate
        self.coolDownFactor = coolDownFactor
        self.coolDown = coolDown
        self.serverErrorThreshold = serverErrorThreshold
    }

    /// Updates the partition share.
    public mutating func setShare(assigned: Int, total: Int) {
        assignedPartitions = max(0, assigned)
        totalPartitions = max(1, total)
    }

    /// This replica's share of the fleet (0…1).
    public var share: Double { min(1, Double(assignedPartitions) / Double(totalPartitions)) }

    /// Requests per second this replica may send now.
    public func currentRate(now: Date) -> Double {
        let base = globalRate * share
        if let until = coolDownUntil, now < until { return base * coolDownFactor }
        return base
    }

    /// Whether a cool-down is in force.
    public func isCoolingDown(now: Date) -> Bool { coolDownUntil.map { now < $0 } ?? false }

    /// Reserves the next request slot and returns when it may be sent (`nil`: no share, wait and retry).
    public mutating func reserve(now: Date) -> Date? {
        let rate = currentRate(now: now)
        guard rate > 0 else { return nil }
        let spacing = 1 / rate
        let slot = max(now, nextSlot ?? now)
        nextSlot = slot.addingTimeInterval(spacing)
        return slot
    }

    /// Feeds the outcome of a request back: 429 starts a cool-down; so do repeated 5xx answers.
    public mutating func record(status: Int?, now: Date) {
        switch status {
        case 429?:
            consecutiveServerErrors = 0
            coolDownUntil = now.addingTimeInterval(coolDown)
        case let code? where code >= 500:
            consecutiveServerErrors += 1
            if consecutiveServerErrors >= serverErrorThreshold {
                coolDownUntil = now.addingTimeInterval(coolDown)
                consecutiveServerErrors = 0
            }
        case nil:
            break
        default:
            consecutiveServerErrors = 0
        }
    }
}
