import Foundation
import Messaging
import ScraperCore
import TestSupport
import Testing

@Suite("TargetRegistry")
struct TargetRegistryTests {
    func target(_ center: String, _ service: String) -> WatchTarget {
        WatchTarget(
            doctor: DoctorRef(slug: "dr-\(center)", displayName: "D", specialty: nil),
            center: CenterRef(id: center, name: "C", userCenterId: "u", isOnline: center == "5532"),
            service: ServiceRef(id: service, name: "S"))
    }

    @Test("the latest message per key wins; cancelled removes; revoke drops the partition's targets")
    func compactionSemantics() {
        var registry = TargetRegistry()
        registry.assign([0, 1])
        let first = registry.apply(requested: target("a", "1"), partition: 0)
        let repeated = registry.apply(requested: target("a", "1"), partition: 0)
        let other = registry.apply(requested: target("b", "1"), partition: 1)
        #expect(first && !repeated && other, "a repeat is not new")
        #expect(registry.count == 2)
        let cancelled = registry.apply(cancelled: "a:1", partition: 0)
        #expect(cancelled)
        #expect(registry.target(id: "a:1") == nil)
        let again = registry.apply(requested: target("a", "1"), partition: 0)
        #expect(again, "requested again after cancel")
        let dropped = registry.revoke([0])
        #expect(dropped == ["a:1"])
        #expect(registry.targets.map(\.id) == ["b:1"])
        #expect(registry.assignedPartitions == [1])
    }

    @Test("messages from partitions not assigned here are ignored")
    func unassigned() {
        var registry = TargetRegistry()
        registry.assign([2])
        let applied = registry.apply(requested: target("a", "1"), partition: 3)
        #expect(!applied)
        #expect(registry.count == 0)
    }

    @Test("the watch schemas' golden fixtures decode for the scraper", arguments: ["watch.requested", "watch.cancelled"])
    func goldenFixtures(schema: String) throws {
        let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema, WatchCancelledV1.schema])
        for fixture in try GoldenFixtures.allVersions(of: schema) {
            let message = try decoder.decode(value: fixture.bytes, headers: GoldenFixtures.headers(for: fixture.bytes))
            #expect(message.schema == schema)
        }
    }

    @Test("the scraper dead-letters rejected fixtures with the promised reason")
    func rejected() throws {
        let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema, WatchCancelledV1.schema])
        for fixture in try GoldenFixtures.rejected() {
            do {
                _ = try decoder.decode(value: fixture.bytes, headers: GoldenFixtures.headers(for: fixture.bytes))
                Issue.record("\(fixture.name) decoded")
            } catch {
                // Every rejected fixture that is JSON names a schema the scraper does not consume.
                let expected: DeadLetterV1.Reason = fixture.name.hasPrefix("not-json") ? .malformed : .unknownSchema
                #expect(error.reason == expected, "\(fixture.name): \(error)")
            }
        }
    }
}

@Suite("SlotDiff")
struct SlotDiffTests {
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)

    @Test("only slots absent from the last successful poll are new; a vanished slot that returns is new again")
    func diff() {
        var diff = SlotDiff()
        let a = t0, b = t0 + 600, c = t0 + 1200
        let first = diff.record(targetId: "x", freeSlotStarts: [a, b])
        let second = diff.record(targetId: "x", freeSlotStarts: [a, b, c])
        let third = diff.record(targetId: "x", freeSlotStarts: [a])
        let fourth = diff.record(targetId: "x", freeSlotStarts: [a, b])
        #expect(first == [a, b])
        #expect(second == [c])
        #expect(third == [])
        #expect(fourth == [b])
    }

    @Test("newSlots records nothing until commit (a failed publish announces again)")
    func peekThenCommit() {
        var diff = SlotDiff()
        #expect(diff.newSlots(targetId: "x", freeSlotStarts: [t0]) == [t0])
        #expect(diff.newSlots(targetId: "x", freeSlotStarts: [t0]) == [t0])
        diff.commit(targetId: "x", freeSlotStarts: [t0])
        #expect(diff.newSlots(targetId: "x", freeSlotStarts: [t0]).isEmpty)
        diff.forget(targetId: "x")
        #expect(!diff.hasBaseline(targetId: "x"))
    }
}

@Suite("PollSchedule")
struct PollScheduleTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("earliest due first; in-flight targets are skipped; next due one interval after the start")
    func order() {
        var schedule = PollSchedule(minInterval: 30, jitterFraction: 0.1)
        schedule.add("a", now: now, random: 0.5)   // due now + 1.5 s
        schedule.add("b", now: now, random: 0.0)   // due now
        #expect(schedule.next()?.targetId == "b")
        schedule.start("b")
        #expect(schedule.next()?.targetId == "a")
        schedule.finish("b", startedAt: now, random: 0)
        schedule.start("a")
        let next = schedule.next()
        #expect(next?.targetId == "b")
        #expect(next?.due == now.addingTimeInterval(30))
    }

    @Test("a Retry-After pushes the next poll back")
    func notBefore() {
        var schedule = PollSchedule(minInterval: 30)
        schedule.add("a", now: now, random: 0)
        schedule.start("a")
        schedule.finish("a", startedAt: now, notBefore: now.addingTimeInterval(120), random: 0)
        #expect(schedule.next()?.due == now.addingTimeInterval(120))
    }
}

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
