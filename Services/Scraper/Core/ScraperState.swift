import Foundation
import Messaging

/// Everything one scraper replica knows, behind one actor: the targets it owns (from its assigned
/// partitions), when each is due, and the slots each showed last time.
public actor ScraperState {
    private var registry = TargetRegistry()
    private var schedule: PollSchedule
    private var diff = SlotDiff()
    private let onChange: @Sendable (_ targets: Int, _ partitions: Int) -> Void

    /// Creates the state.
    public init(minInterval: TimeInterval, onChange: @escaping @Sendable (Int, Int) -> Void = { _, _ in }) {
        self.schedule = PollSchedule(minInterval: minInterval)
        self.onChange = onChange
    }

    /// Targets owned now.
    public var targets: [WatchTarget] { registry.targets }
    /// Partitions assigned now.
    public var assignedPartitions: Set<Int32> { registry.assignedPartitions }

    /// New partitions: their messages will be replayed from the beginning.
    public func assign(_ partitions: [Int32]) {
        registry.assign(partitions)
        changed()
    }

    /// Revoked partitions: forget their targets (another replica takes them over).
    public func revoke(_ partitions: [Int32]) {
        for id in registry.revoke(partitions) {
            schedule.remove(id)
            diff.forget(targetId: id)
        }
        changed()
    }

    /// Applies one message of the watches topic read from `partition`.
    public func apply(_ message: InboundMessage, partition: Int32, now: Date = Date()) {
        switch message {
        case .watchRequested(let envelope):
            if registry.apply(requested: envelope.payload.target, partition: partition) {
                schedule.add(envelope.payload.target.id, now: now)
            }
        case .watchCancelled(let envelope):
            if registry.apply(cancelled: envelope.payload.targetId, partition: partition) {
                schedule.remove(envelope.payload.targetId)
                diff.forget(targetId: envelope.payload.targetId)
            }
        default:
            return
        }
        changed()
    }

    /// The next target to poll and when it is due.
    public func next() -> (targetId: String, due: Date)? { schedule.next() }

    /// Number of polls in flight.
    public private(set) var inFlight = 0

    /// Marks a target as being polled; returns it if it is still owned.
    public func start(_ targetId: String) -> WatchTarget? {
        guard let target = registry.target(id: targetId) else {
            schedule.remove(targetId)
            return nil
        }
        schedule.start(targetId)
        inFlight += 1
        return target
    }

    /// Marks a poll finished and schedules the next one.
    public func finish(_ targetId: String, startedAt: Date, notBefore: Date? = nil) {
        inFlight -= 1
        schedule.finish(targetId, startedAt: startedAt, notBefore: notBefore)
    }

    /// Slots of a successful poll that are new since the last successful one (not yet recorded).
    public func newSlots(targetId: String, freeSlotStarts: Set<Date>) -> [Date] {
        diff.newSlots(targetId: targetId, freeSlotStarts: freeSlotStarts)
    }

    /// Records a successful poll after its events were published; ignored if the target moved away.
    public func commit(targetId: String, freeSlotStarts: Set<Date>) {
        guard registry.target(id: targetId) != nil else { return }
        diff.commit(targetId: targetId, freeSlotStarts: freeSlotStarts)
    }

    private func changed() {
        onChange(registry.count, registry.assignedPartitions.count)
    }
}
