import Foundation

// Probing: the owned targets grouped into search queries, the split of the budget slots between
// triggered polls, sweep polls and probes, and change detection on what the probes read.
extension ScraperState {
    /// The probe groups owned now (rebuilt from the targets when they changed).
    public var probeGroups: [ProbeGroup] {
        refreshGroups(now: Date())
        return groups.values.sorted { $0.key < $1.key }
    }

    /// Chooses what the next budget slot is used for (see `BudgetSplit`) and marks it started:
    /// a triggered poll, a due sweep poll or a due probe; nil when nothing is due.
    public func nextWork(now: Date = Date()) -> ScraperWork? {
        refreshGroups(now: now)
        let triggered = schedule.nextTriggered()
        let sweep = schedule.next().flatMap { $0.due <= now ? $0.targetId : nil }
        let probe = probing == nil ? nil : probeSchedule.next().flatMap { $0.due <= now ? $0.query : nil }
        switch split.pick(triggered: triggered != nil, sweep: sweep != nil, probe: probe != nil) {
        case .triggered?:
            return triggered.flatMap(start).map { .poll($0, triggered: true) }
        case .sweep?:
            return sweep.flatMap(start).map { .poll($0, triggered: false) }
        case .probe?:
            guard let probe, probeSchedule.start(probe, now: now) else { return nil }
            return .probe(probe)
        case nil:
            return nil
        }
    }

    /// Whether a triggered poll, a sweep poll or a probe is due now.
    public func hasWork(now: Date = Date()) -> Bool {
        refreshGroups(now: now)
        if schedule.nextTriggered() != nil { return true }
        if let next = schedule.next(), next.due <= now { return true }
        if probing != nil, let probe = probeSchedule.next(), probe.due <= now { return true }
        return false
    }

    /// Records a probe's page (nil: the probe failed): each covered target found on it is checked
    /// for a change of its earliest free time; a change triggers its direct poll.
    @discardableResult
    public func probeFinished(_ query: ProbeQuery, page: ProbePage?, now: Date = Date()) -> ProbeOutcome {
        probeSchedule.finish(query, page: page, now: now)
        guard let page, let group = groups[query.group] else { return ProbeOutcome() }
        var outcome = ProbeOutcome()
        for id in group.targetIds {
            guard let target = registry.target(id: id), let card = page.doctors[target.doctor.slug] else { continue }
            // The latest card's price of an online target, for its slot.found (no request of its own).
            if target.center.isOnline, let price = card.onlinePriceRial { onlinePrices[id] = price }
            guard let earliest = card.earliest[target.center.id] else { continue }
            outcome.observed += 1
            let verdict = tracker.observe(targetId: id, earliest: earliest, now: now)
            if verdict == .stale { outcome.stale += 1 }
            if verdict.triggers, schedule.dueTime(of: id) != nil {
                schedule.prioritize(id, now: now)
                outcome.triggered.append(id)
            }
        }
        return outcome
    }

    /// The online-visit price in Rial of an online target: the latest search card's (newer), else
    /// the one its watch record carries (the bot read it from the full profile when the user
    /// subscribed), so the first `slot.found` of a newly watched target already has it. nil:
    /// unknown — not online, or neither a card nor the watch record showed a price.
    public func onlinePriceRial(targetId: String) -> Int64? {
        onlinePrices[targetId] ?? watchedPrices[targetId]
    }

    /// Triggered polls waiting for a budget slot.
    public var triggeredWaiting: Int { schedule.triggeredCount }

    func refreshGroups(now: Date) {
        guard groupsDirty, probing != nil else { return }
        groupsDirty = false
        let planned = ProbePlanner.plan(registry.targets)
        groups = Dictionary(uniqueKeysWithValues: planned.map { ($0.key, $0) })
        probeSchedule.sync(planned, now: now)
    }

    /// The requests/s this replica can give the sweep (see `PollSchedule.sweepRate`).
    public func setSweepRate(_ rate: Double) {
        schedule.sweepRate = rate
    }
}
