import Foundation

/// The politeness budget as an actor every request waits on.
///
/// Each `acquire()` reserves the next evenly spaced slot of this replica's share and returns when
/// it comes; the slot is spent even if the caller gives up. After `stop()` (shutdown) waiting
/// callers and new ones get `CancellationError`, so no new request starts while the replica
/// drains.
public actor BudgetGate {
    /// What the gate reports to metrics whenever it changes.
    public struct Snapshot: Sendable, Equatable {
        /// Requests per second this replica may send now (share × global rate, cool-down applied).
        public var rate: Double
        /// This replica's share of the fleet budget (0…1).
        public var share: Double
        /// Whether a cool-down (after 429 or repeated 5xx) is in force.
        public var coolingDown: Bool
    }

    private var budget: PolitenessBudget
    private let onChange: @Sendable (Snapshot) -> Void
    private let now: @Sendable () -> Date
    private let sleep: @Sendable (Duration) async throws -> Void
    private var published: Snapshot?
    private var stopped = false
    /// Times the recent slots were used, oldest first (for `usage(over:)`).
    private var recent: [Date] = []
    private let usageWindow: TimeInterval = 60

    /// Longest single sleep while waiting, so `stop()` is noticed quickly.
    static let wakeUp: TimeInterval = 0.2

    /// Creates a gate; `onChange` feeds the metrics. `now` and `sleep` are the clock (tests pass a
    /// virtual one); `sleep` must throw `CancellationError` when the task is cancelled.
    public init(
        budget: PolitenessBudget, onChange: @escaping @Sendable (Snapshot) -> Void = { _ in },
        now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) }
    ) {
        self.budget = budget
        self.now = now
        self.sleep = sleep
        self.onChange = onChange
    }

    /// Updates this replica's share of the fleet budget.
    public func setShare(assigned: Int, total: Int) {
        budget.setShare(assigned: assigned, total: total)
        publish(now: now())
    }

    /// What the gate looks like now (also pushes it to metrics if it changed, e.g. when a
    /// cool-down ended without any request noticing).
    @discardableResult
    public func refresh() -> Snapshot {
        publish(now: now())
    }

    /// Share of the allowed requests of the last `window` seconds that were actually used (1 =
    /// the budget is saturated). Measured against the rate allowed now.
    public func usage(over window: TimeInterval = 30) -> Double {
        let now = self.now()
        let allowed = budget.currentRate(now: now) * window
        guard allowed > 0 else { return 0 }
        let since = now.addingTimeInterval(-window)
        let used = recent.reversed().prefix { $0 >= since }.count
        return Double(used) / allowed
    }

    /// Refuses every waiting and future request (shutdown).
    public func stop() {
        stopped = true
    }

    /// Waits for the next request slot. Throws `CancellationError` on task cancellation or after
    /// `stop()`.
    public func acquire() async throws {
        while true {
            try checkRunning()
            let start = now()
            publish(now: start)
            if let slot = budget.reserve(now: start) {
                var wait = slot.timeIntervalSince(now())
                while wait > 0 {
                    try await sleep(.milliseconds(Int64((min(wait, Self.wakeUp) * 1000).rounded(.up))))
                    try checkRunning()
                    wait = slot.timeIntervalSince(now())
                }
                note(used: now())
                return
            }
            // No share of the budget (no partitions assigned): wait and look again.
            try await sleep(.milliseconds(Int64(Self.wakeUp * 1000)))
        }
    }

    /// Feeds an answer's status back (429 and repeated 5xx start a cool-down).
    public func record(status: Int?) {
        let now = self.now()
        budget.record(status: status, now: now)
        publish(now: now)
    }

    private func checkRunning() throws {
        if stopped { throw CancellationError() }
        try Task.checkCancellation()
    }

    private func note(used: Date) {
        recent.append(used)
        let horizon = used.addingTimeInterval(-usageWindow)
        if let first = recent.first, first < horizon {
            recent.removeFirst(recent.prefix { $0 < horizon }.count)
        }
    }

    @discardableResult
    private func publish(now: Date) -> Snapshot {
        let snapshot = Snapshot(
            rate: budget.currentRate(now: now), share: budget.share, coolingDown: budget.isCoolingDown(now: now))
        if snapshot != published {
            published = snapshot
            onChange(snapshot)
        }
        return snapshot
    }
}
