import Foundation
import ScraperDomain
import Testing

private let now = Date(timeIntervalSince1970: 1_800_000_000)

private func target(_ index: Int, city: String? = "tehran", specialty: String? = "cardio", online: Bool = false) -> ScrapeTarget {
    ScrapeTarget(
        doctor: .init(slug: "dr-\(index)", displayName: "Dr \(index)", citySlug: city, specialtySlug: specialty),
        center: .init(id: online ? "5532" : "c-\(index)", name: "clinic", userCenterId: "uc-\(index)", isOnline: online),
        service: .init(id: "s-\(index)", name: "visit"))
}

@Suite("ProbePlanner")
struct ProbePlannerTests {
    @Test("one group per (city, specialty) route; targets without slugs are left to the sweep")
    func grouping() {
        let targets = [
            target(1), target(2), target(3, specialty: "derm"), target(4, city: "isfahan"),
            target(5, city: nil), target(6, specialty: ""), target(7, online: true),
        ]
        let groups = ProbePlanner.plan(targets)
        #expect(groups.map(\.key.description) == ["isfahan/cardio", "tehran/cardio", "tehran/derm"])
        #expect(groups[1].targetIds == ["5532:s-7", "c-1:s-1", "c-2:s-2"])
        #expect(groups[1].slugs == ["dr-1", "dr-2", "dr-7"])
        #expect(groups[0].targetIds == ["c-4:s-4"])
    }

    @Test("1,000 doctors in 20 specialties: 20 groups of 50")
    func thousand() {
        let targets = (0..<1000).map { target($0, specialty: "g-\($0 % 20)") }
        let groups = ProbePlanner.plan(targets)
        #expect(groups.count == 20)
        #expect(groups.allSatisfy { $0.targetIds.count == 50 })
    }
}

@Suite("EarliestTracker (probe change detection)")
struct EarliestTrackerTests {
    let t1 = now.addingTimeInterval(3600)
    let t0 = now.addingTimeInterval(1800)
    let t2 = now.addingTimeInterval(7200)

    @Test("the first observation is a baseline; earlier triggers, later and same do not")
    func earlierLaterSame() {
        var tracker = EarliestTracker()
        #expect(tracker.observe(targetId: "a", earliest: t1, now: now) == .baseline)
        #expect(tracker.observe(targetId: "a", earliest: t1, now: now) == .unchanged)
        #expect(tracker.observe(targetId: "a", earliest: t0, now: now) == .earlier)
        #expect(tracker.observe(targetId: "a", earliest: t2, now: now) == .later)
        #expect(tracker.observe(targetId: "a", earliest: t2, now: now) == .unchanged)
        #expect(!ProbeVerdict.later.triggers && !ProbeVerdict.unchanged.triggers && !ProbeVerdict.baseline.triggers)
        #expect(ProbeVerdict.earlier.triggers && ProbeVerdict.appeared.triggers)
    }

    @Test("none → some triggers; some → none does not")
    func appeared() {
        var tracker = EarliestTracker()
        #expect(tracker.observe(targetId: "a", earliest: nil, now: now) == .baseline)
        #expect(tracker.observe(targetId: "a", earliest: nil, now: now) == .unchanged)
        #expect(tracker.observe(targetId: "a", earliest: t1, now: now) == .appeared)
        #expect(tracker.observe(targetId: "a", earliest: nil, now: now) == .later)
        #expect(tracker.observe(targetId: "a", earliest: t2, now: now) == .appeared)
    }

    @Test("a poll is the truth: the probe compares against it")
    func pollIsTruth() {
        var tracker = EarliestTracker()
        tracker.polled(targetId: "a", earliest: nil)
        #expect(tracker.observe(targetId: "a", earliest: t1, now: now) == .appeared)
        tracker.polled(targetId: "a", earliest: t0)
        // The search shows a later time than the poll listed: nothing to do.
        #expect(tracker.observe(targetId: "a", earliest: t2, now: now) == .later)
    }

    @Test("stale search data: a lagging value already acted upon never triggers again, a past time is ignored")
    func stale() {
        var tracker = EarliestTracker()
        #expect(tracker.observe(targetId: "a", earliest: t1, now: now) == .baseline)
        #expect(tracker.observe(targetId: "a", earliest: t0, now: now) == .earlier)
        // The triggered poll finds t0 already booked; the search still shows it (lag).
        tracker.polled(targetId: "a", earliest: t1)
        #expect(tracker.observe(targetId: "a", earliest: t0, now: now) == .unchanged)
        #expect(tracker.observe(targetId: "a", earliest: t0, now: now) == .unchanged)
        // The search catches up.
        #expect(tracker.observe(targetId: "a", earliest: t1, now: now) == .unchanged)
        // A time already past is lagging data: ignored, not recorded.
        #expect(tracker.observe(targetId: "a", earliest: now.addingTimeInterval(-60), now: now) == .stale)
        #expect(tracker.observe(targetId: "a", earliest: t1, now: now) == .unchanged)
    }

    @Test("forgetting a target starts it over")
    func forget() {
        var tracker = EarliestTracker()
        _ = tracker.observe(targetId: "a", earliest: t1, now: now)
        tracker.forget(targetId: "a")
        #expect(tracker.count == 0)
        #expect(tracker.observe(targetId: "a", earliest: t0, now: now) == .baseline)
    }
}

@Suite("BudgetSplit (probe vs poll)")
struct BudgetSplitTests {
    @Test("triggered polls first; probes take what the sweep leaves; the floor keeps probing alive")
    func order() {
        var split = BudgetSplit(probeFloor: 0.5, window: 10)
        #expect(split.pick(triggered: true, sweep: true, probe: true) == .triggered)
        #expect(split.pick(triggered: false, sweep: false, probe: false) == nil)
        #expect(split.pick(triggered: false, sweep: false, probe: true) == .probe)
        #expect(split.pick(triggered: false, sweep: true, probe: false) == .sweep)
        // Both always due: the probes' share converges to the floor.
        var split2 = BudgetSplit(probeFloor: 0.3, window: 10)
        var probes = 0
        for _ in 0..<100 where split2.pick(triggered: false, sweep: true, probe: true) == .probe { probes += 1 }
        #expect((28...32).contains(probes))
        // No sweep demand: every slot can go to probes.
        var split3 = BudgetSplit(probeFloor: 0.1)
        var uses: [BudgetSplit.Use?] = []
        for _ in 0..<20 { uses.append(split3.pick(triggered: false, sweep: false, probe: true)) }
        #expect(uses.allSatisfy { $0 == .probe })
    }
}

@Suite("ProbeSchedule")
struct ProbeScheduleTests {
    let group = ProbeGroup(key: ProbeGroupKey(city: "tehran", specialty: "cardio"), targetIds: ["x"], slugs: ["a", "b"])

    @Test("pages follow at once until every watched doctor was seen; the next cycle one interval after the start")
    func paging() {
        var schedule = ProbeSchedule(interval: 20, maxPages: 5)
        schedule.sync([group], now: now, random: { 0 })
        let first = schedule.next()
        #expect(first?.query.page == 1 && first?.due == now)
        let started0 = schedule.start(first!.query, now: now)
        #expect(started0)
        #expect(schedule.next() == nil)  // in flight
        let page1 = ProbePage(doctors: ["a": .init(earliest: [:]), "z": .init(earliest: [:])], hasMore: true)
        schedule.finish(first!.query, page: page1, now: now.addingTimeInterval(1))
        let second = schedule.next()
        #expect(second?.query.page == 2 && second?.due == now.addingTimeInterval(1))
        let started1 = schedule.start(second!.query, now: now.addingTimeInterval(1))
        #expect(started1)
        schedule.finish(second!.query, page: ProbePage(doctors: ["b": .init(earliest: [:])], hasMore: true), now: now.addingTimeInterval(2))
        let third = schedule.next()
        #expect(third?.query.page == 1 && third?.due == now.addingTimeInterval(20))
    }

    @Test("a failed probe ends the cycle; groups gone are dropped; new ones are spread over one interval")
    func failureAndSync() {
        var schedule = ProbeSchedule(interval: 20)
        schedule.sync([group], now: now, random: { 0.5 })
        let first = schedule.next()!
        #expect(first.due == now.addingTimeInterval(10))
        let started0 = schedule.start(first.query, now: now.addingTimeInterval(10))
        #expect(started0)
        schedule.finish(first.query, page: nil, now: now.addingTimeInterval(11))
        #expect(schedule.next()?.due == now.addingTimeInterval(30))
        schedule.sync([], now: now)
        #expect(schedule.next() == nil && schedule.count == 0)
    }
}

@Suite("ScraperState probing")
struct ScraperStateProbeTests {
    let policy = ProbingPolicy(sweepInterval: 600, probeInterval: 10, probeFloor: 0.5)

    private func page(_ times: [Int: Date?], hasMore: Bool = false) -> ProbePage {
        ProbePage(
            doctors: Dictionary(uniqueKeysWithValues: times.map { ("dr-\($0.key)", .init(earliest: ["c-\($0.key)": $0.value])) }),
            hasMore: hasMore)
    }

    @Test("a probe that sees an earlier time triggers that target's poll before the sweep; a probe alone announces nothing")
    func triggers() async {
        let state = ScraperState(minInterval: 30, probing: policy)
        await state.assign([0])
        for index in 0..<3 { await state.apply(.requested(target(index)), partition: 0, now: now) }
        await state.apply(.requested(target(9, city: nil)), partition: 0, now: now)
        let groups = await state.probeGroups
        #expect(groups.count == 1)
        #expect(groups.first?.targetIds.count == 3)
        // Drain the initial sweep polls so nothing is due.
        let later = now.addingTimeInterval(5)
        var polled: [String] = []
        while let work = await state.nextWork(now: later) {
            switch work {
            case .poll(let t, let triggered):
                #expect(!triggered)
                polled.append(t.id)
                await state.finish(t.id, startedAt: later)
            case .probe(let query):
                await state.probeFinished(query, page: nil, now: later)
            }
        }
        #expect(Set(polled) == ["c-0:s-0", "c-1:s-1", "c-2:s-2", "c-9:s-9"])
        let t1 = now.addingTimeInterval(3600)
        let query = ProbeQuery(group: ProbeGroupKey(city: "tehran", specialty: "cardio"), page: 1)
        var outcome = await state.probeFinished(query, page: page([0: t1, 1: nil, 2: t1]), now: later)
        #expect(outcome.triggered.isEmpty && outcome.observed == 3)
        outcome = await state.probeFinished(query, page: page([0: t1, 1: t1, 2: now.addingTimeInterval(1800)]), now: later)
        #expect(outcome.triggered.sorted() == ["c-1:s-1", "c-2:s-2"])
        let first = await state.nextWork(now: later)
        guard case .poll(let triggered, true)? = first else {
            Issue.record("expected a triggered poll, got \(String(describing: first))")
            return
        }
        #expect(["c-1:s-1", "c-2:s-2"].contains(triggered.id))
        await state.finish(triggered.id, startedAt: later)
        #expect(await state.triggeredWaiting == 1)
    }

    @Test("probed targets are swept every sweep interval, the others every minimum interval")
    func sweepInterval() {
        var schedule = PollSchedule(minInterval: 30, sweepInterval: 600, jitterFraction: 0)
        schedule.add("p", now: now, random: 0)
        schedule.add("q", now: now, random: 0)
        schedule.setProbed("p", true)
        for id in ["p", "q"] {
            schedule.start(id)
            schedule.finish(id, startedAt: now, random: 0)
        }
        #expect(schedule.dueTime(of: "p") == now.addingTimeInterval(600))
        #expect(schedule.dueTime(of: "q") == now.addingTimeInterval(30))
        schedule.prioritize("p", now: now.addingTimeInterval(5))
        #expect(schedule.nextTriggered() == "p")
        #expect(schedule.next()?.targetId == "p")
        // A trigger during the poll keeps the target due at once.
        schedule.start("p")
        schedule.prioritize("p", now: now.addingTimeInterval(6))
        schedule.finish("p", startedAt: now.addingTimeInterval(5), random: 0)
        #expect(schedule.nextTriggered() == "p")
        schedule.start("p")
        schedule.finish("p", startedAt: now.addingTimeInterval(7), random: 0)
        #expect(schedule.nextTriggered() == nil)
        #expect(schedule.dueTime(of: "p") == now.addingTimeInterval(607))
    }

    @Test("the latest card's online price is kept for an online target only, replaced by a newer card, forgotten with the target")
    func onlinePrice() async {
        let state = ScraperState(minInterval: 30, probing: policy)
        await state.assign([0])
        let online = target(0, online: true), office = target(1)
        await state.apply(.requested(online), partition: 0, now: now)
        await state.apply(.requested(office), partition: 0, now: now)
        #expect(await state.probeGroups.first?.targetIds.count == 2)
        let query = ProbeQuery(group: ProbeGroupKey(city: "tehran", specialty: "cardio"), page: 1)
        #expect(await state.onlinePriceRial(targetId: online.id) == nil, "no card read yet: unknown")
        func card(_ price: Int64?) -> ProbePage {
            ProbePage(
                doctors: [
                    "dr-0": .init(earliest: ["5532": now.addingTimeInterval(3600)], onlinePriceRial: price),
                    "dr-1": .init(earliest: ["c-1": nil], onlinePriceRial: 900_000),
                ], hasMore: false)
        }
        await state.probeFinished(query, page: card(800_000), now: now)
        #expect(await state.onlinePriceRial(targetId: online.id) == 800_000)
        #expect(await state.onlinePriceRial(targetId: office.id) == nil, "an in-person target never carries the online price")
        await state.probeFinished(query, page: card(1_200_000), now: now.addingTimeInterval(10))
        #expect(await state.onlinePriceRial(targetId: online.id) == 1_200_000, "the latest card wins")
        await state.probeFinished(query, page: card(nil), now: now.addingTimeInterval(20))
        #expect(await state.onlinePriceRial(targetId: online.id) == 1_200_000, "a card without a price keeps the last known one")
        await state.apply(.cancelled(targetId: online.id), partition: 0, now: now)
        #expect(await state.onlinePriceRial(targetId: online.id) == nil)
    }

    @Test("an online target's watch record price counts until a card shows one; an in-person target's never does")
    func watchRecordPrice() async {
        let state = ScraperState(minInterval: 30, probing: policy)
        await state.assign([0])
        var online = target(0, online: true)
        online.service.freePriceRial = 5_000_000
        var office = target(1)
        office.service.freePriceRial = 3_000_000
        var unpriced = target(2, online: true)
        unpriced.service.freePriceRial = -1
        for watched in [online, office, unpriced] { await state.apply(.requested(watched), partition: 0, now: now) }
        #expect(await state.onlinePriceRial(targetId: online.id) == 5_000_000, "no card yet: the watch record's price")
        #expect(await state.onlinePriceRial(targetId: office.id) == nil, "the online price is for online targets only")
        #expect(await state.onlinePriceRial(targetId: unpriced.id) == nil, "a price that is not positive is unknown")
        online.service.freePriceRial = 5_500_000
        await state.apply(.requested(online), partition: 0, now: now)
        #expect(await state.onlinePriceRial(targetId: online.id) == 5_500_000, "the latest watch record wins over an older one")
        // The groups are planned when work is chosen, as before every real probe.
        #expect(await state.probeGroups.first?.targetIds.contains(online.id) == true)
        let query = ProbeQuery(group: ProbeGroupKey(city: "tehran", specialty: "cardio"), page: 1)
        let page = ProbePage(doctors: ["dr-0": .init(earliest: ["5532": nil], onlinePriceRial: 800_000)], hasMore: false)
        await state.probeFinished(query, page: page, now: now)
        #expect(await state.onlinePriceRial(targetId: online.id) == 800_000, "a card is newer than the profile the bot read")
        await state.apply(.requested(online), partition: 0, now: now)
        #expect(await state.onlinePriceRial(targetId: online.id) == 800_000, "a republished watch record does not undo the card")
        online.service.freePriceRial = nil
        await state.apply(.cancelled(targetId: online.id), partition: 0, now: now)
        await state.apply(.requested(online), partition: 0, now: now)
        #expect(await state.onlinePriceRial(targetId: online.id) == nil, "cancelled: both prices are forgotten")
    }

    @Test("probing off: no groups, every target on the minimum interval")
    func off() async {
        let state = ScraperState(minInterval: 30)
        await state.assign([0])
        await state.apply(.requested(target(1)), partition: 0, now: now)
        #expect(await state.probeGroups.isEmpty)
        guard case .poll(_, false)? = await state.nextWork(now: now.addingTimeInterval(5)) else {
            Issue.record("expected a sweep poll")
            return
        }
    }
}
