import Foundation
import ScraperDomain
import Synchronization
import Testing

@Suite("BudgetGate")
struct BudgetGateTests {
    @Test("after stop() a caller waiting for a slot gets CancellationError at once, and so does every later one")
    func stopRefusesWaiters() async throws {
        var budget = PolitenessBudget(globalRate: 0.1)
        budget.setShare(assigned: 1, total: 1)
        let gate = BudgetGate(budget: budget)
        try await gate.acquire()  // the first slot is now; the next one is 10 s away
        let waiter = Task { try await gate.acquire() }
        try await Task.sleep(for: .milliseconds(100))
        let stopped = ContinuousClock.now
        await gate.stop()
        await #expect(throws: CancellationError.self) { try await waiter.value }
        #expect(ContinuousClock.now - stopped < .seconds(6), "the waiter noticed the stop long before its 10 s slot")
        await #expect(throws: CancellationError.self) { try await gate.acquire() }
    }

    @Test("metrics see a cool-down start and, on refresh, its end")
    func coolDownVisible() async throws {
        var budget = PolitenessBudget(globalRate: 2, coolDownFactor: 0.5, coolDown: 0.3)
        budget.setShare(assigned: 6, total: 6)
        let seen = Mutex<[BudgetGate.Snapshot]>([])
        let gate = BudgetGate(budget: budget) { snapshot in seen.withLock { $0.append(snapshot) } }
        await gate.refresh()
        await gate.record(status: 429)
        try await Task.sleep(for: .milliseconds(400))
        await gate.refresh()
        let snapshots = seen.withLock { $0 }
        #expect(snapshots.map(\.rate) == [2, 1, 2])
        #expect(snapshots.map(\.coolingDown) == [false, true, false])
    }

    @Test("usage is the share of the allowed requests that were sent")
    func usage() async throws {
        var budget = PolitenessBudget(globalRate: 20)
        budget.setShare(assigned: 1, total: 1)
        let gate = BudgetGate(budget: budget)
        for _ in 0..<10 { try await gate.acquire() }  // 10 slots 50 ms apart: about 0.45 s (more on a busy machine)
        let usage = await gate.usage(over: 10)
        #expect(usage > 0.045 && usage <= 0.05 + 1e-9, "10 of the 200 allowed in ten seconds: \(usage)")
    }
}
