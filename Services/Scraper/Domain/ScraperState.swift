import Foundation

/// Everything one scraper replica knows, behind one actor: the targets it owns (from its assigned
/// partitions), when each is due, and the slots each showed last time.
///
/// Rebalances are eager (every rebalance revokes the whole assignment, then assigns the new one),
/// so a replica usually gets most of its partitions straight back. Revoked targets are therefore
/// *parked* rather than forgotten: their slot memory and their place in the rotation are kept
/// until the next assignment. A target whose partition comes back resumes where it was (no burst
/// of re-polls, no repeated `slot.found` for slots already announced); a target whose partition
/// went to another replica is forgotten when the assignment arrives without it.
///
/// With `restoresState`, every assigned partition starts *restoring*: its targets are registered
/// as their watch records are replayed but not scheduled until `restored(_:)` says the partition's
/// slot state was read back from the store (`restore`), so the first poll after a restart or a
/// takeover compares against the slots already announced instead of announcing them again.
public actor ScraperState {
    /// A revoked target whose partition may come back.
    private struct Parked {
        var partition: Int32
        var due: Date?
    }

    var registry = TargetRegistry()
    var schedule: PollSchedule
    private var diff = SlotDiff()
    private var parked: [String: Parked] = [:]
    /// Assigned partitions whose slot state is still being read back.
    private var restoring: Set<Int32> = []
    /// Targets of restoring partitions, waiting to be scheduled (at their parked due time, if any).
    private var waiting: [String: Date?] = [:]
    /// Targets whose committed state changed episodes and is not saved in the store yet.
    private var unsaved: Set<String> = []
    private let restoresState: Bool
    private let onChange: @Sendable (_ targets: Int, _ partitions: Int) -> Void
    /// Probing (nil: off). See `ScraperState+Probing.swift`.
    let probing: ProbingPolicy?
    var probeSchedule: ProbeSchedule
    var tracker = EarliestTracker()
    var split: BudgetSplit
    var groups: [ProbeGroupKey: ProbeGroup] = [:]
    var groupsDirty = false
    /// Target id → the online-visit price (Rial) of the latest search card (online targets only).
    var onlinePrices: [String: Int64] = [:]
    /// Target id → the service price (Rial) of the target's watch record (online targets only):
    /// what the bot read from the full profile, used until a search card shows a price.
    var watchedPrices: [String: Int64] = [:]

    /// Creates the state. With `restoresState` the slot state is durable: assigned partitions are
    /// polled only once `restored(_:)` is called for them, and `commit` says when to save.
    public init(
        minInterval: TimeInterval, restoresState: Bool = false, probing: ProbingPolicy? = nil,
        onChange: @escaping @Sendable (Int, Int) -> Void = { _, _ in }
    ) {
        self.schedule = PollSchedule(minInterval: minInterval, sweepInterval: probing?.sweepInterval)
        self.probing = probing
        self.probeSchedule = ProbeSchedule(interval: probing?.probeInterval ?? minInterval, maxPages: probing?.maxPages ?? 1)
        self.split = BudgetSplit(probeFloor: probing?.probeFloor ?? 0)
        self.restoresState = restoresState
        self.onChange = onChange
    }

    /// Targets owned now.
    public var targets: [ScrapeTarget] { registry.targets }
    /// Partitions assigned now.
    public var assignedPartitions: Set<Int32> { registry.assignedPartitions }
    /// Revoked targets still remembered in case their partition comes back.
    public var parkedCount: Int { parked.count }
    /// Assigned partitions whose slot state is still being restored (their targets wait).
    public var restoringPartitions: Set<Int32> { restoring }

    /// New partitions: their messages will be replayed from the beginning. Parked targets of
    /// partitions that did not come back are forgotten (another replica owns them now).
    public func assign(_ partitions: [Int32]) {
        registry.assign(partitions)
        if restoresState { restoring.formUnion(partitions) }
        for (id, entry) in parked where !registry.assignedPartitions.contains(entry.partition) {
            forget(id)
        }
        groupsDirty = true
        changed()
    }

    /// Revoked partitions: stop polling their targets and park them until the next assignment.
    /// - Returns: the ids of the targets that stopped being polled.
    @discardableResult
    public func revoke(_ partitions: [Int32]) -> [String] {
        // Still parked after a whole assignment period: their partition came back but they did
        // not (cancelled and compacted away), so nothing will claim them.
        for id in parked.keys { forget(id) }
        for partition in partitions {
            restoring.remove(partition)
            for id in registry.targetIds(inPartition: partition) {
                parked[id] = Parked(partition: partition, due: schedule.dueTime(of: id) ?? waiting[id].flatMap { $0 })
                schedule.remove(id)
                waiting.removeValue(forKey: id)
            }
        }
        let dropped = registry.revoke(partitions)
        groupsDirty = true
        changed()
        return dropped
    }

    /// Applies one change of the watch list read from `partition`.
    public func apply(_ change: WatchListChange, partition: Int32, now: Date = Date()) {
        switch change {
        case .requested(let target):
            let id = target.id
            // The latest watch record's price; a search card read since (`onlinePrices`) still wins.
            if target.center.isOnline, let price = target.service.freePriceRial, price > 0 {
                watchedPrices[id] = price
            } else {
                watchedPrices.removeValue(forKey: id)
            }
            schedule.setProbed(id, probing != nil && ProbeGroupKey(target) != nil)
            if registry.apply(requested: target, partition: partition) {
                let resumeAt = parked.removeValue(forKey: id)?.due
                if restoring.contains(partition) {
                    waiting.updateValue(resumeAt, forKey: id)
                } else {
                    schedule.add(id, now: now, resumeAt: resumeAt)
                }
            }
        case .cancelled(let id):
            if registry.apply(cancelled: id, partition: partition) {
                schedule.remove(id)
            }
            waiting.removeValue(forKey: id)
            forget(id)
        }
        groupsDirty = true
        changed()
    }

    /// The next target to poll and when it is due.
    public func next() -> (targetId: String, due: Date)? { schedule.next() }

    /// Number of polls in flight.
    public private(set) var inFlight = 0

    /// Marks a target as being polled; returns it if it is still owned and not being polled.
    public func start(_ targetId: String) -> ScrapeTarget? {
        guard let target = registry.target(id: targetId) else {
            schedule.remove(targetId)
            return nil
        }
        guard schedule.start(targetId) else { return nil }
        inFlight += 1
        return target
    }

    /// Marks a poll finished and schedules the next one (if the target is still owned).
    public func finish(_ targetId: String, startedAt: Date, notBefore: Date? = nil) {
        inFlight -= 1
        schedule.finish(targetId, startedAt: startedAt, notBefore: notBefore)
        // A poll that finishes while its target is parked moves the parked due time on, as it
        // would have for an owned target.
        if var entry = parked[targetId] {
            entry.due = max(entry.due ?? startedAt, startedAt.addingTimeInterval(schedule.interval(of: targetId)))
            parked[targetId] = entry
        }
    }

    // MARK: Slot state

    /// What a successful poll changes in the target's slot state (nothing recorded yet).
    public func changes(targetId: String, listed: [FreeSlot], polledAt: Date, pollId: UUID) -> SlotChanges {
        diff.changes(targetId: targetId, listed: listed, polledAt: polledAt, pollId: pollId)
    }

    /// The slot state of a target, if known.
    public func slots(of targetId: String) -> TargetSlots? { diff.slots(of: targetId) }

    /// Records a successful poll after its events were acknowledged; ignored if the target moved
    /// away (neither owned nor parked).
    /// - Returns: the partition to save the state in when the store must be written (the poll
    ///   opened or closed an episode, or an earlier save failed); nil otherwise.
    @discardableResult
    public func commit(targetId: String, _ changes: SlotChanges) -> Int32? {
        guard let partition = registry.partition(of: targetId) ?? parked[targetId]?.partition else { return nil }
        diff.commit(targetId: targetId, changes.after)
        tracker.polled(targetId: targetId, earliest: changes.after.slots.map(\.slot.start).min())
        guard restoresState else { return nil }
        if changes.changesEpisodes { unsaved.insert(targetId) }
        return unsaved.contains(targetId) ? partition : nil
    }

    /// The store acknowledged the state of `targetId` saved after the poll `pollId`.
    public func saved(targetId: String, pollId: UUID) {
        if diff.slots(of: targetId)?.pollId == pollId { unsaved.remove(targetId) }
    }

    /// Targets whose state changed and is not saved yet.
    public var unsavedCount: Int { unsaved.count }

    /// A slot state read back from the store (from `partition` of the slot-state topic). Taken
    /// unless the partition is not assigned here or the memory already holds a state at least
    /// as new (e.g. this replica's own write coming back).
    /// - Returns: whether it was taken.
    @discardableResult
    public func restore(targetId: String, _ state: TargetSlots, partition: Int32) -> Bool {
        guard registry.assignedPartitions.contains(partition) else { return false }
        return diff.restore(targetId: targetId, state)
    }

    /// The slot state of `partition` has been read back: its targets are scheduled.
    public func restored(_ partition: Int32, now: Date = Date()) {
        guard restoring.remove(partition) != nil else { return }
        for id in registry.targetIds(inPartition: partition) {
            guard let resumeAt = waiting.removeValue(forKey: id) else { continue }
            schedule.add(id, now: now, resumeAt: resumeAt)
        }
    }

    private func forget(_ id: String) {
        parked.removeValue(forKey: id)
        diff.forget(targetId: id)
        tracker.forget(targetId: id)
        onlinePrices.removeValue(forKey: id)
        watchedPrices.removeValue(forKey: id)
        unsaved.remove(id)
    }

    private func changed() {
        onChange(registry.count, registry.assignedPartitions.count)
    }
}
