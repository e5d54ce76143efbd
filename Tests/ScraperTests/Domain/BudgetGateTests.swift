import Foundation
import ScraperDomain
import ScraperTestSupport
import Synchronization
import TestSupport
import Testing

/// The gate on virtual time: nothing here waits for, or measures, the real clock.
@Suite("BudgetGate")
struct BudgetGateTests {
    static let origin = Date(timeIntervalSince1970: 1_790_000_000)

    /// A gate whose time is `clock`: sleeping jumps the clock to the end of the sleep.
    static func gate(
        _ budget: PolitenessBudget, on clock: VirtualClock, onChange: @escaping @Sendable (BudgetGate.Snapshot) -> Void = { _ in }
    ) -> BudgetGate {
        BudgetGate(
            budget: budget, onChange: onChange, now: { origin.addingTimeInterval(seconds(clock.now.offset)) },
            sleep: { try await clock.sleep(for: $0) })
    }

    static func seconds(_ duration: Duration) -> TimeInterval {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    @Test("after stop() a caller waiting for a slot gets CancellationError, and so does every later one")
    func stopRefusesWaiters() async throws {
        var budget = PolitenessBudget(globalRate: 0.1)
        budget.setShare(assigned: 1, total: 1)
        // Time stands still: the waiter's next slot (10 s away) never comes, so only stop() ends it.
        let sleeps = Mutex(0)
        let gate = BudgetGate(
            budget: budget, now: { Self.origin },
            sleep: { _ in
                sleeps.withLock { $0 += 1 }
                try Task.checkCancellation()
                await Task.yield()
            })
        try await gate.acquire()  // the first slot is now; the next one is 10 s away
        let waiter = Task { try await gate.acquire() }
        try await eventually(within: .seconds(30), every: .milliseconds(1), "the second caller to wait for its slot") {
            sleeps.withLock { $0 } > 0
        }
        await gate.stop()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        await #expect(throws: CancellationError.self) { try await gate.acquire() }
    }

    @Test("metrics see a cool-down start and, on refresh, its end")
    func coolDownVisible() async throws {
        var budget = PolitenessBudget(globalRate: 2, coolDownFactor: 0.5, coolDown: 0.3)
        budget.setShare(assigned: 6, total: 6)
        let seen = Mutex<[BudgetGate.Snapshot]>([])
        let clock = VirtualClock()
        let gate = Self.gate(budget, on: clock) { snapshot in seen.withLock { $0.append(snapshot) } }
        await gate.refresh()
        await gate.record(status: 429)
        clock.advance(by: .milliseconds(400))  // past the 0.3 s cool-down
        await gate.refresh()
        let snapshots = seen.withLock { $0 }
        #expect(snapshots.map(\.rate) == [2, 1, 2])
        #expect(snapshots.map(\.coolingDown) == [false, true, false])
    }

    @Test("usage is the share of the allowed requests that were sent")
    func usage() async throws {
        var budget = PolitenessBudget(globalRate: 20)
        budget.setShare(assigned: 1, total: 1)
        let clock = VirtualClock()
        let gate = Self.gate(budget, on: clock)
        for _ in 0..<10 { try await gate.acquire() }  // 10 slots 50 ms apart
        let spent = clock.now.offset
        #expect(spent >= .milliseconds(450) && spent < .milliseconds(470), "the slots were 50 ms apart: \(spent)")
        let usage = await gate.usage(over: 10)
        #expect(abs(usage - 0.05) < 1e-9, "10 of the 200 allowed in ten seconds: \(usage)")
    }
}
