import Foundation
import ScraperDomain
import Testing

@Suite("SlotDiff")
struct SlotDiffTests {
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)

    @Test("only slots absent from the last successful poll are new; a vanished slot that returns is new again")
    func diff() {
        var diff = SlotDiff()
        let a = t0, b = t0 + 600, c = t0 + 1200
        func poll(_ starts: Set<Date>) -> [Date] {
            let new = diff.newSlots(targetId: "x", freeSlotStarts: starts)
            diff.commit(targetId: "x", freeSlotStarts: starts)
            return new
        }
        let first = poll([a, b])
        let second = poll([a, b, c])
        let third = poll([a])
        let fourth = poll([a, b])
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
        #expect(diff.newSlots(targetId: "x", freeSlotStarts: [t0]) == [t0], "a forgotten target starts from nothing")
    }
}
