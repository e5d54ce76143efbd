import ScraperDomain

/// `SlotStateStore` in memory: the latest saved state per target (what a compacted topic keeps)
/// with its partition, every save in order, and a switch to refuse saves (a broker outage).
public actor InMemorySlotStateStore: SlotStateStore {
    /// One acknowledged save.
    public struct Saved: Sendable, Hashable {
        /// The target.
        public var targetId: String
        /// The state saved.
        public var state: TargetSlots
        /// The partition it was written to.
        public var partition: Int32
    }

    /// What a refused save throws.
    public struct Refused: Error, Hashable {
        /// Creates the error.
        public init() {}
    }

    private var refusing = false
    /// Every acknowledged save, in order.
    public private(set) var saves: [Saved] = []

    /// Creates an empty store.
    public init() {}

    /// The latest state per target (compaction).
    public var latest: [String: Saved] {
        saves.reduce(into: [:]) { $0[$1.targetId] = $1 }
    }

    /// Makes saves fail with `Refused` (or work again).
    public func refuse(_ refuse: Bool) {
        refusing = refuse
    }

    public func save(_ state: TargetSlots, targetId: String, partition: Int32) async throws {
        if refusing { throw Refused() }
        saves.append(Saved(targetId: targetId, state: state, partition: partition))
    }

    /// Replays the latest state of every target into `state` (what the service does on
    /// assignment) and marks `partitions` restored.
    public func restore(into state: ScraperState, partitions: [Int32]) async {
        for saved in latest.values where partitions.contains(saved.partition) {
            await state.restore(targetId: saved.targetId, saved.state, partition: saved.partition)
        }
        for partition in partitions { await state.restored(partition) }
    }
}
