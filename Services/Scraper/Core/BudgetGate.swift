import Foundation

/// The politeness budget as an actor every request waits on.
public actor BudgetGate {
    private var budget: PolitenessBudget
    private let onRateChange: @Sendable (Double, Double) -> Void

    /// Creates a gate; `onRateChange(rate, share)` feeds the metrics.
    public init(budget: PolitenessBudget, onRateChange: @escaping @Sendable (Double, Double) -> Void = { _, _ in }) {
        self.budget = budget
        self.onRateChange = onRateChange
    }

    /// Updates this replica's share of the fleet budget.
    public func setShare(assigned: Int, total: Int) {
        budget.setShare(assigned: assigned, total: total)
        onRateChange(budget.currentRate(now: Date()), budget.share)
    }

    /// Current rate (requests/s).
    public func currentRate() -> Double { budget.currentRate(now: Date()) }

    /// Waits for the next request slot. Throws `CancellationError` on shutdown.
    public func acquire() async throws {
        while true {
            try Task.checkCancellation()
            let now = Date()
            if let slot = budget.reserve(now: now) {
                let wait = slot.timeIntervalSince(now)
                if wait > 0 { try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) }
                return
            }
            // No share of the budget (no partitions assigned): wait and look again.
            try await Task.sleep(for: .milliseconds(500))
        }
    }

    /// Feeds an answer's status back (429 and repeated 5xx start a cool-down).
    public func record(status: Int?) {
        let before = budget.isCoolingDown(now: Date())
        budget.record(status: status, now: Date())
        if before != budget.isCoolingDown(now: Date()) { onRateChange(budget.currentRate(now: Date()), budget.share) }
    }
}
