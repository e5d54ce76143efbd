import Foundation
import ScraperDomain
import ScraperTestSupport
import Synchronization
import TestSupport
import Testing

/// Issue #13, scraper part: a slot is an episode. The poll use case on the in-memory ports:
/// slot.found opens an episode, slot.gone closes it (only on successful polls), a reopened slot is
/// a new episode, day-level slots live the same way, and the durable state is saved only after the
/// events were acknowledged.
@Suite("PollTarget lifecycle")
struct PollTargetLifecycleTests {
    let target = ScrapeTarget(
        doctor: .init(slug: "dr-lifecycle", displayName: "D"),
        center: .init(id: "5532", name: "C", userCenterId: "u", isOnline: true), service: .init(id: "s1", name: "S"))
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)

    func slot(_ n: Int) -> FreeSlot {
        FreeSlot(start: t0 + TimeInterval(3600 + n * 600), end: t0 + TimeInterval(3600 + n * 600 + 600))
    }

    /// The number of polls run so far (the poll clock's minutes).
    final class Minutes: Sendable {
        let count = Mutex(0)
    }

    /// A replica owning `target` (partition 3) with in-memory ports; polls run one minute apart.
    struct Rig {
        let clock = VirtualClock()
        let source: InMemoryFreeSlotSource<VirtualClock>
        let events: InMemoryScraperEvents<VirtualClock>
        let store = InMemorySlotStateStore()
        let state: ScraperState
        let poll: PollTarget
        let minute = Minutes()

        init(target: ScrapeTarget, t0: Date, store existing: InMemorySlotStateStore? = nil) async {
            source = InMemoryFreeSlotSource(clock: clock)
            events = InMemoryScraperEvents(clock: clock)
            state = ScraperState(minInterval: 30, restoresState: true)
            let minute = self.minute
            poll = PollTarget(
                source: source, events: events, state: state, store: existing ?? store, clock: clock,
                now: { t0 + TimeInterval(minute.count.withLock { $0 } * 60) })
            await state.assign([3])
            await state.apply(.requested(target), partition: 3, now: t0)
            await (existing ?? store).restore(into: state, partitions: [3])
        }

        /// Runs one poll, one minute after the previous one.
        func run(_ target: ScrapeTarget) async throws -> PollTarget.Result {
            defer { minute.count.withLock { $0 += 1 } }
            return try await poll.run(target)
        }
    }

    @Test("a reopened slot (taken, then cancelled) is announced twice, with two episodes, and its taking once")
    func reopenedSlot() async throws {
        let rig = await Rig(target: target, t0: t0)
        await rig.source.script(target.id, [.slots([slot(0), slot(1)]), .slots([slot(0)]), .slots([slot(0), slot(1)])])
        #expect(try await rig.run(target).newSlots == 2)
        let taken = try await rig.run(target)
        #expect(taken.newSlots == 0 && taken.goneSlots == 1)
        #expect(try await rig.run(target).newSlots == 1)
        let found = await rig.events.slots.map(\.event)
        #expect(found.map(\.slot) == [slot(0), slot(1), slot(1)])
        #expect(Set(found.map(\.episode)).count == 3, "slot 1 was announced twice with two episodes")
        let gone = try #require(await rig.events.gone.map(\.event).first)
        #expect(await rig.events.gone.count == 1)
        #expect(gone.slot == slot(1) && gone.episode == found[1].episode, "slot.gone closes the first episode")
        #expect(gone.lastSeenAt == t0 && gone.firstMissedAt == t0 + 60)
        #expect(gone.pollId == (await rig.events.checks[1].event.pollId))
    }

    @Test("slot.gone only after a successful poll: errors in between change nothing")
    func goneOnlyOnSuccess() async throws {
        let rig = await Rig(target: target, t0: t0)
        await rig.source.script(
            target.id,
            [
                .slots([slot(0)]), .failure(FreeSlotSourceError(kind: "timeout")), .failure(FreeSlotSourceError(kind: "http_5xx")),
                .slots([slot(0)]), .slots([]),
            ])
        for _ in 0..<4 { _ = try await rig.run(target) }
        #expect(await rig.events.gone.isEmpty, "failed polls list nothing, and that is not a taking")
        #expect(await rig.events.slots.count == 1)
        #expect(try await rig.run(target).goneSlots == 1)
        let gone = try #require(await rig.events.gone.first?.event)
        #expect(gone.lastSeenAt == t0 + 180, "the last successful poll that listed it (the 4th)")
        #expect(gone.firstMissedAt == t0 + 240)
    }

    @Test("a day-level slot: found, gone when its times are listed (and those found), back as a new episode")
    func dayLevelLifecycle() async throws {
        let rig = await Rig(target: target, t0: t0)
        let dayStart = t0 + 86_400 - 3600
        let day = FreeSlot.day(startingAt: dayStart)
        let timed = FreeSlot(start: dayStart + 9 * 3600, end: dayStart + 9 * 3600 + 600)
        await rig.source.script(
            target.id, [.slots([slot(0), day]), .slots([slot(0), timed]), .slots([slot(0)]), .slots([slot(0), day])])
        #expect(try await rig.run(target).newSlots == 2)
        let timesListed = try await rig.run(target)
        #expect(timesListed.newSlots == 1 && timesListed.goneSlots == 1)
        #expect(try await rig.run(target).goneSlots == 1)
        #expect(try await rig.run(target).newSlots == 1)
        let found = await rig.events.slots.map(\.event)
        #expect(found.map(\.slot) == [slot(0), day, timed, day])
        #expect(found[1].slot.granularity == .day && found[1].episode != found[3].episode)
        let gone = await rig.events.gone.map(\.event)
        #expect(gone.map(\.slot) == [day, timed])
        #expect(gone[0].episode == found[1].episode)
        let checks = await rig.events.checks.map(\.event)
        #expect(checks[0].earliestSlots == [slot(0).start], "doctor.checked's earliest slots stay timed")
        #expect(checks[0].freeSlotCount == 2)
    }

    @Test("the state is saved after the events were acknowledged, only when episodes changed, and a failed save is retried")
    func saves() async throws {
        let rig = await Rig(target: target, t0: t0)
        await rig.source.script(
            target.id, [.slots([slot(0)]), .slots([slot(0)]), .slots([slot(0), slot(1)]), .slots([slot(0), slot(1)])])
        _ = try await rig.run(target)
        #expect(await rig.store.saves.map(\.partition) == [3], "in the watch record's partition")
        _ = try await rig.run(target)
        #expect(await rig.store.saves.count == 1, "nothing changed: nothing written")
        await rig.store.refuse(true)
        await #expect(throws: InMemorySlotStateStore.Refused.self) { try await rig.run(target) }
        #expect(await rig.events.slots.count == 2, "slot 1 was announced before the save failed")
        await rig.store.refuse(false)
        let next = try await rig.run(target)
        #expect(next.newSlots == 0, "not announced again")
        #expect(await rig.store.saves.count == 2, "the unsaved state is written by the next successful poll")
        let saved = try #require(await rig.store.latest[target.id]?.state)
        #expect(saved.slots.map(\.slot) == [slot(0), slot(1)])

        // When publishing fails, nothing is saved or recorded.
        let other = await Rig(target: target, t0: t0)
        await other.source.script(target.id, [.slots([slot(0)])])
        await other.events.refuse(slots: true)
        await #expect(throws: InMemoryScraperEvents<VirtualClock>.Refused.self) { try await other.run(target) }
        #expect(await other.store.saves.isEmpty)
        #expect(await other.state.slots(of: target.id) == nil)
    }

    @Test("restart: a replica restored from the store announces nothing twice and loses nothing")
    func restartFromStore() async throws {
        let first = await Rig(target: target, t0: t0)
        await first.source.script(target.id, [.slots([slot(0), slot(1)])])
        _ = try await first.run(target)
        let episodes = await first.events.slots.map(\.event.episode)

        // A new replica (restart or takeover) restores the saved state before its first poll.
        let second = await Rig(target: target, t0: t0 + 600, store: first.store)
        await second.source.script(target.id, [.slots([slot(0), slot(2)])])
        let result = try await second.run(target)
        #expect(result.newSlots == 1 && result.goneSlots == 1)
        #expect(await second.events.slots.map(\.event.slot) == [slot(2)], "slot 0 is not announced again")
        let gone = try #require(await second.events.gone.first?.event)
        #expect(gone.slot == slot(1) && gone.episode == episodes[1], "the episode opened by the first replica is closed")
    }
}
