import Foundation
import ScraperDomain
import ScraperTestSupport
import TestSupport
import Testing

/// The poll use case on the in-memory ports and a virtual clock: no network, no broker, no waiting.
@Suite("PollTarget")
struct PollTargetTests {
    let target = ScrapeTarget(
        doctor: .init(slug: "دکتر-هدیه-جباری-0", displayName: "هدیه جباری"),
        center: .init(id: "5532", name: "ویزیت آنلاین", userCenterId: "u", isOnline: true),
        service: .init(id: "s1", name: "ویزیت"))
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)

    /// Slots from an hour after t0 (the polls run at t0), 10 minutes apart.
    func slots(_ offsets: [Int]) -> [FreeSlot] {
        offsets.map { FreeSlot(start: t0 + TimeInterval(3600 + $0 * 600), end: t0 + TimeInterval(3600 + $0 * 600 + 600)) }
    }

    /// A replica that owns `target`, with its ports in memory.
    struct Rig {
        let clock = VirtualClock()
        let source: InMemoryFreeSlotSource<VirtualClock>
        let events: InMemoryScraperEvents<VirtualClock>
        let state = ScraperState(minInterval: 30)
        let poll: PollTarget

        init(target: ScrapeTarget, latency: Duration = .zero, now: Date) async {
            source = InMemoryFreeSlotSource(clock: clock, latency: latency)
            events = InMemoryScraperEvents(clock: clock)
            poll = PollTarget(source: source, events: events, state: state, clock: clock, now: { now })
            await state.assign([0])
            await state.apply(.requested(target), partition: 0, now: now)
        }
    }

    @Test("announces new slots once, reports every poll, and an error changes nothing")
    func announces() async throws {
        let rig = await Rig(target: target, now: t0)
        await rig.source.script(
            target.id,
            [
                .slots(slots([0, 1])), .slots(slots([0, 1, 2])), .failure(FreeSlotSourceError(kind: "timeout")), .slots(slots([0, 1, 2])),
                .slots([]),
            ])
        #expect(try await rig.poll.run(target).newSlots == 2)
        #expect(try await rig.poll.run(target).newSlots == 1)
        let failed = try await rig.poll.run(target)
        #expect(failed.outcome == .error)
        #expect(failed.errorKind == "timeout")
        #expect(try await rig.poll.run(target).newSlots == 0, "a failed poll changed nothing")
        #expect(try await rig.poll.run(target).outcome == .noSlots)
        let published = await rig.events.slots
        #expect(published.map(\.event.slot) == slots([0, 1, 2]))
        #expect(published.allSatisfy { $0.event.bookingURL == rig.source.bookingLink(for: target) })
        #expect(published[0].event.pollId == published[1].event.pollId)
        #expect(published[0].correlationId == published[0].event.pollId.uuidString.lowercased())
        let checks = await rig.events.checks.map(\.event)
        #expect(checks.map(\.outcome) == [.ok, .ok, .error, .ok, .noSlots])
        #expect(checks.map(\.newSlotCount) == [2, 1, 0, 0, 0])
        #expect(checks[2].earliestSlots == nil && checks[1].earliestSlots == slots([0, 1, 2]).map(\.start))
    }

    @Test("slot.found carries the online price of the latest search card probing read, and none before a card was read")
    func onlinePrice() async throws {
        let clock = VirtualClock()
        let probed = ScrapeTarget(
            doctor: .init(slug: "dr-p", displayName: "P", citySlug: "tehran", specialtySlug: "cardio"),
            center: .init(id: "5532", name: "ویزیت آنلاین", userCenterId: "u", isOnline: true), service: .init(id: "s1", name: "ویزیت"))
        let state = ScraperState(minInterval: 30, probing: ProbingPolicy(sweepInterval: 600, probeInterval: 10, probeFloor: 0.5))
        await state.assign([0])
        await state.apply(.requested(probed), partition: 0, now: t0)
        let source = InMemoryFreeSlotSource(clock: clock)
        let events = InMemoryScraperEvents(clock: clock)
        let poll = PollTarget(source: source, events: events, state: state, clock: clock, now: { t0 })
        await source.script(probed.id, [.slots(slots([0])), .slots(slots([0, 1]))])
        _ = try await poll.run(probed)
        #expect(await state.probeGroups.count == 1)
        await state.probeFinished(
            ProbeQuery(group: ProbeGroupKey(city: "tehran", specialty: "cardio"), page: 1),
            page: ProbePage(doctors: ["dr-p": .init(earliest: ["5532": slots([0])[0].start], onlinePriceRial: 800_000)], hasMore: false),
            now: t0)
        _ = try await poll.run(probed)
        #expect(await events.slots.map(\.event.onlinePriceRial) == [nil, 800_000])
    }

    @Test("the first slot.found of a newly watched online target carries its watch record's price; a later card replaces it")
    func priceFromTheWatchRecord() async throws {
        let clock = VirtualClock()
        var priced = ScrapeTarget(
            doctor: .init(slug: "dr-w", displayName: "W", citySlug: "tehran", specialtySlug: "cardio"),
            center: .init(id: "5532", name: "ویزیت آنلاین", userCenterId: "u", isOnline: true),
            service: .init(id: "s1", name: "ویزیت", freePriceRial: 5_000_000))
        let state = ScraperState(minInterval: 30, probing: ProbingPolicy(sweepInterval: 600, probeInterval: 10, probeFloor: 0.5))
        await state.assign([0])
        await state.apply(.requested(priced), partition: 0, now: t0)
        let source = InMemoryFreeSlotSource(clock: clock)
        let events = InMemoryScraperEvents(clock: clock)
        let poll = PollTarget(source: source, events: events, state: state, clock: clock, now: { t0 })
        await source.script(priced.id, [.slots(slots([0])), .slots(slots([0, 1])), .slots(slots([0, 1, 2]))])
        // The first poll runs as soon as the target is watched: no probe has read a card yet.
        _ = try await poll.run(priced)
        #expect(await state.probeGroups.count == 1, "the groups are planned when work is chosen, as before every real probe")
        await state.probeFinished(
            ProbeQuery(group: ProbeGroupKey(city: "tehran", specialty: "cardio"), page: 1),
            page: ProbePage(doctors: ["dr-w": .init(earliest: ["5532": slots([0])[0].start], onlinePriceRial: 800_000)], hasMore: false),
            now: t0)
        _ = try await poll.run(priced)
        // The watch record is republished (the reconciler's pass, a replay): the newer card still wins.
        priced.service.freePriceRial = 6_000_000
        await state.apply(.requested(priced), partition: 0, now: t0)
        _ = try await poll.run(priced)
        #expect(await events.slots.map(\.event.onlinePriceRial) == [5_000_000, 800_000, 800_000])
    }

    @Test("when publishing fails, the slots are announced again by the next poll (nothing lost)")
    func publishFailure() async throws {
        let rig = await Rig(target: target, now: t0)
        await rig.source.script(target.id, [.slots(slots([0]))])
        await rig.events.refuse(slots: true)
        await #expect(throws: InMemoryScraperEvents<VirtualClock>.Refused.self) { try await rig.poll.run(target) }
        #expect(await rig.events.checks.isEmpty, "no doctor.checked for a poll whose slots were not published")
        await rig.events.refuse(slots: false)
        #expect(try await rig.poll.run(target).newSlots == 1)
        #expect(await rig.events.slots.count == 1)
    }

    @Test("a source failure with a Retry-After is reported and handed to the scheduler")
    func retryAfter() async throws {
        let rig = await Rig(target: target, now: t0)
        await rig.source.script(target.id, [.failure(FreeSlotSourceError(kind: "rate_limited", retryAfter: .seconds(90)))])
        let result = try await rig.poll.run(target)
        #expect(
            result == PollTarget.Result(outcome: .error, errorKind: "rate_limited", freeSlots: 0, newSlots: 0, retryAfter: .seconds(90)))
        #expect(await rig.events.checks.map(\.event.errorKind) == ["rate_limited"])
    }

    @Test("the reported duration is the poll's time on the injected clock, and events carry the injected time")
    func durationOnInjectedClock() async throws {
        let rig = await Rig(target: target, latency: .milliseconds(1500), now: t0)
        await rig.source.script(target.id, [.slots(slots([0]))])
        _ = try await rig.poll.run(target)
        let check = try #require(await rig.events.checks.first)
        #expect(check.event.duration == .milliseconds(1500), "1.5 s of virtual time, no real waiting")
        #expect(check.event.checkedAt == t0)
        #expect(await rig.events.slots.first?.event.observedAt == t0)
        #expect(await rig.source.reads.map(\.at.offset) == [.milliseconds(1500)])
    }

    @Test("a slot that vanishes and comes back is announced again; a cancelled target starts from nothing")
    func changeDetectionThroughThePorts() async throws {
        let rig = await Rig(target: target, now: t0)
        await rig.source.script(target.id, [.slots(slots([0, 1])), .slots(slots([1])), .slots(slots([0, 1]))])
        #expect(try await rig.poll.run(target).newSlots == 2)
        #expect(try await rig.poll.run(target).newSlots == 0)
        #expect(try await rig.poll.run(target).newSlots == 1, "slot 0 came back")
        await rig.state.apply(.cancelled(targetId: target.id), partition: 0)
        await rig.state.apply(.requested(target), partition: 0, now: t0)
        #expect(try await rig.poll.run(target).newSlots == 2, "the script's last answer repeats; the memory was forgotten")
    }
}
