import Foundation
import ScraperDomain
import Testing

@Suite("ScraperState")
struct ScraperStateTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    let slot = Date(timeIntervalSince1970: 1_800_100_000)

    func target(_ n: Int) -> ScrapeTarget {
        ScrapeTarget(
            doctor: .init(slug: "dr-\(n)", displayName: "D"),
            center: .init(id: "c\(n)", name: "C", userCenterId: "u", isOnline: false), service: .init(id: "s", name: "S"))
    }

    func requested(_ target: ScrapeTarget) -> WatchListChange { .requested(target) }

    func cancelled(_ target: ScrapeTarget) -> WatchListChange { .cancelled(targetId: target.id) }

    /// Whether a poll at t0 listing `slot` would announce it (records nothing).
    func isNew(_ state: ScraperState, _ target: ScrapeTarget) async -> Bool {
        await !state.changes(targetId: target.id, listed: [FreeSlot(start: slot, end: slot + 600)], polledAt: t0, pollId: UUID())
            .found.isEmpty
    }

    /// Records a poll at t0 that listed `slot`.
    func commitSlot(_ state: ScraperState, _ target: ScrapeTarget) async {
        let changes = await state.changes(
            targetId: target.id, listed: [FreeSlot(start: slot, end: slot + 600)], polledAt: t0, pollId: UUID())
        await state.commit(targetId: target.id, changes)
    }

    /// Owns `target` on partition 0 and has polled it once at t0, seeing `slot`.
    func stateAfterOnePoll(_ target: ScrapeTarget) async -> ScraperState {
        let state = ScraperState(minInterval: 30)
        await state.assign([0])
        await state.apply(requested(target), partition: 0, now: t0)
        _ = await state.start(target.id)
        await commitSlot(state, target)
        await state.finish(target.id, startedAt: t0)
        return state
    }

    @Test("a partition that comes straight back (eager rebalance) keeps its targets' slot memory and place in the rotation")
    func revokedAndBack() async {
        let a = target(1)
        let state = await stateAfterOnePoll(a)
        let due = await state.next()?.due
        #expect(await state.revoke([0]) == [a.id])
        #expect(await state.next() == nil, "nothing is polled while the partition is away")
        #expect(await state.parkedCount == 1)
        await state.assign([0])
        await state.apply(requested(a), partition: 0, now: t0.addingTimeInterval(1))  // the replay
        #expect(await state.next()?.due == due, "no burst of re-polls after a rebalance")
        #expect(await !isNew(state, a), "no repeated slot.found")
        #expect(await state.parkedCount == 0)
    }

    @Test("a partition that went to another replica is forgotten when the assignment arrives without it")
    func movedAway() async {
        let a = target(1)
        let state = await stateAfterOnePoll(a)
        await state.revoke([0])
        await state.assign([1])
        #expect(await state.parkedCount == 0)
        #expect(await state.targets.isEmpty)
        // Should it come back later, it is new here: polled soon, its slots announced.
        await state.revoke([1])
        await state.assign([0])
        await state.apply(requested(a), partition: 0, now: t0.addingTimeInterval(100))
        let next = await state.next()
        #expect(next?.targetId == a.id)
        #expect((next?.due ?? .distantFuture) <= t0.addingTimeInterval(100 + 3))
        #expect(await isNew(state, a))
    }

    @Test("a target revoked and re-assigned while its poll is in flight is not polled twice at once")
    func inFlightAcrossRebalance() async {
        let a = target(1)
        let state = ScraperState(minInterval: 30)
        await state.assign([0])
        await state.apply(requested(a), partition: 0, now: t0)
        #expect(await state.start(a.id) != nil)
        await state.revoke([0])
        await state.assign([0])
        await state.apply(requested(a), partition: 0, now: t0.addingTimeInterval(1))
        #expect(await state.next() == nil, "the first poll is still running")
        #expect(await state.start(a.id) == nil)
        await state.finish(a.id, startedAt: t0)
        let due = await state.next()?.due ?? .distantPast
        #expect(due >= t0.addingTimeInterval(30) && due <= t0.addingTimeInterval(33), "one interval (plus jitter) after the poll")
        #expect(await state.inFlight == 0)
    }

    @Test("a poll that ends while its target is parked still records its slots; a cancellation forgets them")
    func parkedCommitAndCancel() async {
        let a = target(1)
        let state = ScraperState(minInterval: 30)
        await state.assign([0])
        await state.apply(requested(a), partition: 0, now: t0)
        _ = await state.start(a.id)
        await state.revoke([0])
        await commitSlot(state, a)
        await state.finish(a.id, startedAt: t0)
        await state.assign([0])
        await state.apply(requested(a), partition: 0, now: t0.addingTimeInterval(1))
        #expect(await !isNew(state, a))
        #expect(await state.next()?.due == t0.addingTimeInterval(30))
        await state.apply(cancelled(a), partition: 0)
        #expect(await state.targets.isEmpty)
        await state.apply(requested(a), partition: 0, now: t0.addingTimeInterval(2))
        #expect(await isNew(state, a))
    }

    @Test("with a durable state, an assigned partition's targets wait until its state is restored, and nothing is re-announced")
    func restoreBeforeFirstPoll() async {
        let a = target(1)
        let state = ScraperState(minInterval: 30, restoresState: true)
        await state.assign([0, 1])
        #expect(await state.restoringPartitions == [0, 1])
        await state.apply(requested(a), partition: 0, now: t0)
        #expect(await state.next() == nil, "not polled before its state is back")
        // The previous owner's state: the slot was announced with episode e.
        let e = UUID()
        let saved = TargetSlots(
            slots: [ListedSlot(slot: FreeSlot(start: slot, end: slot + 600), episode: e, firstSeenAt: t0 - 60, lastSeenAt: t0 - 30)],
            updatedAt: t0 - 30, pollId: UUID())
        #expect(await state.restore(targetId: a.id, saved, partition: 0))
        #expect(await !state.restore(targetId: a.id, saved, partition: 5), "a partition not assigned here is ignored")
        await state.restored(0)
        #expect(await state.next()?.targetId == a.id)
        #expect(await !isNew(state, a), "the restored slot is not announced again")
        let changes = await state.changes(targetId: a.id, listed: [], polledAt: t0, pollId: UUID())
        #expect(changes.gone.map(\.episode) == [e], "and its slot.gone closes the previous owner's episode")
        #expect(await state.commit(targetId: a.id, changes) == 0, "the change must be saved, in the watch record's partition")
        #expect(await state.unsavedCount == 1)
        await state.saved(targetId: a.id, pollId: changes.after.pollId)
        #expect(await state.unsavedCount == 0)
        let quiet = await state.changes(targetId: a.id, listed: [], polledAt: t0 + 1, pollId: UUID())
        #expect(await state.commit(targetId: a.id, quiet) == nil, "nothing to save when no episode changed")
    }

    @Test("a revoked restoring partition parks its waiting targets")
    func revokeWhileRestoring() async {
        let a = target(1)
        let state = ScraperState(minInterval: 30, restoresState: true)
        await state.assign([0])
        await state.apply(requested(a), partition: 0, now: t0)
        await state.revoke([0])
        #expect(await state.restoringPartitions.isEmpty)
        #expect(await state.parkedCount == 1)
        await state.assign([0])
        await state.apply(requested(a), partition: 0, now: t0)
        #expect(await state.next() == nil)
        await state.restored(0, now: t0)
        #expect(await state.next()?.targetId == a.id)
    }
}
