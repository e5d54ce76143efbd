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
public actor ScraperState {
    /// A revoked target whose partition may come back.
    private struct Parked {
        var partition: Int32
        var due: Date?
    }

    private var registry = TargetRegistry()
    private var schedule: PollSchedule
    private var diff = SlotDiff()
    private var parked: [String: Parked] = [:]
    private let onChange: @Sendable (_ targets: Int, _ partitions: Int) -> Void

    /// Creates the state.
    public init(minInterval: TimeInterval, onChange: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        self.schedule = PollSchedule(minInterval: minInterval)
        self.onChange = onChange
    }

    /// Targets owned now.
    public var targets: [ScrapeTarget] { registry.targets }
    /// Partitions assigned now.
    public var assignedPartitions: Set<Int32> { registry.assignedPartitions }
    /// Revoked targets still remembered in case their partition comes back.
    public var parkedCount: Int { parked.count }

    /// New partitions: their messages will be replayed from the beginning. Parked targets of
    /// partitions that did not come back are forgotten (another replica owns them now).
    public func assign(_ partitions: [Int32]) {
        registry.assign(partitions)
        for (id, entry) in parked where !registry.assignedPartitions.contains(entry.partition) {
            forget(id)
        }
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
            for id in registry.targetIds(inPartition: partition) {
                parked[id] = Parked(partition: partition, due: schedule.dueTime(of: id))
                schedule.remove(id)
            }
        }
        let dropped = registry.revoke(partitions)
        changed()
        return dropped
    }

    /// Applies one change of the watch list read from `partition`.
    public func apply(_ change: WatchListChange, partition: Int32, now: Date = Date()) {
        switch change {
        case .requested(let target):
            let id = target.id
            if registry.apply(requested: target, partition: partition) {
                let resumeAt = parked.removeValue(forKey: id)?.due
                schedule.add(id, now: now, resumeAt: resumeAt)
            }
        case .cancelled(let id):
            if registry.apply(cancelled: id, partition: partition) {
                schedule.remove(id)
            }
            forget(id)
        }
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
            entry.due = max(entry.due ?? startedAt, startedAt.addingTimeInterval(schedule.minInterval))
            parked[targetId] = entry
        }
    }

    /// Slots of a successful poll that are new since the last successful one (not yet recorded).
    public func newSlots(targetId: String, freeSlotStarts: Set<Date>) -> [Date] {
        diff.newSlots(targetId: targetId, freeSlotStarts: freeSlotStarts)
    }

    /// Records a successful poll after its events were published; ignored if the target moved
    /// away (neither owned nor parked).
    public func commit(targetId: String, freeSlotStarts: Set<Date>) {
        guard registry.target(id: targetId) != nil || parked[targetId] != nil else { return }
        diff.commit(targetId: targetId, freeSlotStarts: freeSlotStarts)
    }

    private func forget(_ id: String) {
        parked.removeValue(forKey: id)
        diff.forget(targetId: id)
    }

    private func changed() {
        onChange(registry.count, registry.assignedPartitions.count)
    }
}
