import Foundation

/// The scraper's change detection: per-target memory of the slots the last successful poll
/// listed, each with its episode. `ScraperState` holds one; `PollTarget` asks it what a poll
/// changed and commits the poll once its events are acknowledged.
///
/// The rules: a slot listed now and not before opens a new episode (`slot.found`); a slot listed
/// before and missing now closes its episode (`slot.gone`); a slot that comes back after that is a
/// new episode. Slots that are no longer upcoming (a timed slot that started, a day that ended)
/// count as not listed, so they are never announced and a listed one closes when its time passes.
/// A failed poll changes nothing (it never reaches the diff). The memory survives a restart or a
/// takeover through the slot-state store: `restore` puts a persisted state back, newest wins.
public struct SlotDiff: Sendable {
    private var memory: [String: TargetSlots] = [:]

    /// Creates an empty memory.
    public init() {}

    /// The state of `targetId`, if any poll of it succeeded (or a state was restored).
    public func slots(of targetId: String) -> TargetSlots? { memory[targetId] }

    /// Number of targets remembered.
    public var count: Int { memory.count }

    /// What the successful poll `pollId` at `polledAt`, which listed `listed`, changes. Records
    /// nothing until `commit`, so a poll whose events could not be published announces the same
    /// changes again next time (with new episode ids for its found slots: they were never
    /// acknowledged, so nobody knows the old ones).
    public func changes(
        targetId: String, listed: [FreeSlot], polledAt: Date, pollId: UUID, newEpisode: () -> UUID = { UUID() }
    ) -> SlotChanges {
        let before = memory[targetId]?.byKey ?? [:]
        var now: [FreeSlot.Key: FreeSlot] = [:]
        for slot in listed.sorted() where slot.isUpcoming(at: polledAt) && now[slot.key] == nil {
            now[slot.key] = slot
        }
        var found: [ListedSlot] = []
        var after: [ListedSlot] = []
        for (key, slot) in now.sorted(by: { $0.key < $1.key }) {
            if var known = before[key] {
                known.slot = slot
                known.lastSeenAt = polledAt
                after.append(known)
            } else {
                let opened = ListedSlot(slot: slot, episode: newEpisode(), firstSeenAt: polledAt, lastSeenAt: polledAt)
                found.append(opened)
                after.append(opened)
            }
        }
        let gone = before.filter { now[$0.key] == nil }.map(\.value).sorted { $0.slot.key < $1.slot.key }
        return SlotChanges(found: found, gone: gone, after: TargetSlots(slots: after, updatedAt: polledAt, pollId: pollId))
    }

    /// Records a successful poll whose changes have been published.
    public mutating func commit(targetId: String, _ state: TargetSlots) {
        memory[targetId] = state
    }

    /// Puts back a persisted state unless the memory already holds one at least as new.
    /// - Returns: whether the state was taken.
    @discardableResult
    public mutating func restore(targetId: String, _ state: TargetSlots) -> Bool {
        if let known = memory[targetId], known.updatedAt >= state.updatedAt { return false }
        memory[targetId] = state
        return true
    }

    /// Forgets a target (revoked or cancelled).
    public mutating func forget(targetId: String) {
        memory.removeValue(forKey: targetId)
    }
}
