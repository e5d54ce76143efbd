import Foundation
import ScraperDomain
import Testing

@Suite("PolitenessBudget")
struct PolitenessBudgetTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("each replica spends the global rate times its partition share")
    func share() {
        var budget = PolitenessBudget(globalRate: 2)
        budget.setShare(assigned: 2, total: 6)
        #expect(abs(budget.currentRate(now: now) - 2.0 / 3.0) < 1e-9)
        budget.setShare(assigned: 0, total: 6)
        let none = budget.reserve(now: now)
        #expect(none == nil)
    }

    @Test("requests are spaced evenly, no bursts")
    func spacing() {
        var budget = PolitenessBudget(globalRate: 2)
        budget.setShare(assigned: 6, total: 6)
        var slots: [Date] = []
        for _ in 0..<5 { if let slot = budget.reserve(now: now) { slots.append(slot) } }
        #expect(slots == (0..<5).map { now.addingTimeInterval(Double($0) * 0.5) })
    }

    @Test("a 429 halves the rate for the cool-down; three 5xx in a row do too")
    func coolDown() {
        var budget = PolitenessBudget(globalRate: 2, coolDownFactor: 0.5, coolDown: 60, serverErrorThreshold: 3)
        budget.setShare(assigned: 1, total: 1)
        budget.record(status: 429, now: now)
        #expect(budget.currentRate(now: now) == 1)
        #expect(budget.currentRate(now: now.addingTimeInterval(61)) == 2)
        let later = now.addingTimeInterval(100)
        budget.record(status: 503, now: later)
        budget.record(status: 200, now: later)
        budget.record(status: 503, now: later)
        budget.record(status: 503, now: later)
        #expect(budget.currentRate(now: later) == 2, "the run was broken by a 200")
        budget.record(status: 503, now: later)
        #expect(budget.currentRate(now: later) == 1)
    }
}
