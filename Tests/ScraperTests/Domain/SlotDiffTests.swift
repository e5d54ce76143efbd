import Foundation
import ScraperDomain
import Testing

@Suite("SlotDiff")
struct SlotDiffTests {
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)

    func slot(_ n: Int) -> FreeSlot { FreeSlot(start: t0 + TimeInterval(n * 600), end: t0 + TimeInterval(n * 600 + 600)) }

    /// Polls at `t0 - 3600 + minute * 60` (all slots upcoming), committing each poll.
    struct Poller {
        var diff = SlotDiff()
        let t0: Date
        var minute = 0

        mutating func poll(_ slots: [FreeSlot]) -> SlotChanges {
            minute += 1
            let changes = diff.changes(
                targetId: "x", listed: slots, polledAt: t0 - 3600 + TimeInterval(minute * 60), pollId: UUID())
            diff.commit(targetId: "x", changes.after)
            return changes
        }
    }

    @Test("new slots open episodes, missing ones close them, a returning slot gets a new episode")
    func episodes() throws {
        var poller = Poller(t0: t0)
        let first = poller.poll([slot(0), slot(1)])
        #expect(first.found.map(\.slot) == [slot(0), slot(1)] && first.gone.isEmpty)
        let second = poller.poll([slot(0), slot(1), slot(2)])
        #expect(second.found.map(\.slot) == [slot(2)] && second.gone.isEmpty)
        #expect(second.after.byKey[slot(0).key]?.episode == first.found[0].episode, "a listed slot keeps its episode")
        #expect(second.after.byKey[slot(0).key]?.lastSeenAt == t0 - 3600 + 120)
        let third = poller.poll([slot(0)])
        #expect(third.found.isEmpty)
        #expect(third.gone.map(\.slot) == [slot(1), slot(2)])
        #expect(third.gone[0].episode == first.found[1].episode)
        #expect(third.gone[0].lastSeenAt == t0 - 3600 + 120 && third.gone[0].firstSeenAt == t0 - 3600 + 60)
        let fourth = poller.poll([slot(0), slot(1)])
        let reopened = try #require(fourth.found.first)
        #expect(reopened.slot == slot(1))
        #expect(reopened.episode != first.found[1].episode, "a cancellation is a new episode")
        #expect(fourth.changesEpisodes && !poller.poll([slot(0), slot(1)]).changesEpisodes)
    }

    @Test("changes records nothing until commit (a failed publish announces again)")
    func peekThenCommit() {
        var diff = SlotDiff()
        let a = diff.changes(targetId: "x", listed: [slot(0)], polledAt: t0 - 60, pollId: UUID())
        let b = diff.changes(targetId: "x", listed: [slot(0)], polledAt: t0 - 60, pollId: UUID())
        #expect(a.found.count == 1 && b.found.count == 1)
        diff.commit(targetId: "x", a.after)
        #expect(diff.changes(targetId: "x", listed: [slot(0)], polledAt: t0 - 30, pollId: UUID()).found.isEmpty)
        diff.forget(targetId: "x")
        #expect(diff.changes(targetId: "x", listed: [slot(0)], polledAt: t0 - 30, pollId: UUID()).found.count == 1)
    }

    @Test("a slot whose start passed is never announced, and a listed one closes when its start passes")
    func pastSlots() {
        var diff = SlotDiff()
        let listedBefore = diff.changes(targetId: "x", listed: [slot(0), slot(1)], polledAt: t0 - 60, pollId: UUID())
        diff.commit(targetId: "x", listedBefore.after)
        // Slot 0 started at t0; paziresh24 still lists both at t0 + 10.
        let after = diff.changes(targetId: "x", listed: [slot(0), slot(1), slot(-1)], polledAt: t0 + 10, pollId: UUID())
        #expect(after.found.isEmpty, "slot -1 is in the past: not announced")
        #expect(after.gone.map(\.slot) == [slot(0)])
    }

    @Test("a day-level slot is upcoming until its day ends and is a different slot from a timed one at 00:00")
    func dayLevel() {
        let day = FreeSlot.day(startingAt: t0)
        #expect(day.isUpcoming(at: t0 + 3600) && !day.isUpcoming(at: t0 + 86_400))
        let midnight = FreeSlot(start: t0, end: t0 + 600)
        var diff = SlotDiff()
        let changes = diff.changes(targetId: "x", listed: [day, midnight], polledAt: t0 - 60, pollId: UUID())
        #expect(changes.found.count == 2)
        diff.commit(targetId: "x", changes.after)
        let later = diff.changes(targetId: "x", listed: [day], polledAt: t0 + 60, pollId: UUID())
        #expect(later.found.isEmpty && later.gone.map(\.slot) == [midnight], "the timed slot started; the day goes on")
    }

    @Test("restoring a persisted state: newest wins")
    func restore() {
        var diff = SlotDiff()
        let old = diff.changes(targetId: "x", listed: [slot(0)], polledAt: t0 - 600, pollId: UUID()).after
        let new = diff.changes(targetId: "x", listed: [slot(1)], polledAt: t0 - 300, pollId: UUID()).after
        let tookNew = diff.restore(targetId: "x", new)
        let tookOld = diff.restore(targetId: "x", old)
        let tookEcho = diff.restore(targetId: "x", new)
        #expect(tookNew)
        #expect(!tookOld, "an older state never overwrites a newer one")
        #expect(!tookEcho, "its own write read back changes nothing")
        #expect(diff.slots(of: "x") == new)
    }
}
