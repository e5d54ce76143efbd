/// The watch targets this replica owns, rebuilt from its assigned partitions of the watches topic.
///
/// The latest change per target wins (compaction semantics): a request adds or replaces a
/// target, a cancellation removes it; revoking a partition drops every target read from it.
public struct TargetRegistry: Sendable {
    private var byPartition: [Int32: [String: ScrapeTarget]] = [:]
    /// Partitions currently assigned to this replica.
    public private(set) var assignedPartitions: Set<Int32> = []

    /// Creates an empty registry.
    public init() {}

    /// Every target owned now.
    public var targets: [ScrapeTarget] { byPartition.values.flatMap(\.values) }

    /// Number of targets owned now.
    public var count: Int { byPartition.values.reduce(0) { $0 + $1.count } }

    /// Looks up a target by id.
    public func target(id: String) -> ScrapeTarget? {
        for partition in byPartition.values { if let target = partition[id] { return target } }
        return nil
    }

    /// The partition `id`'s watch record was read from, if the target is owned.
    public func partition(of id: String) -> Int32? {
        byPartition.first { $0.value[id] != nil }?.key
    }

    /// Ids of the targets read from `partition`.
    public func targetIds(inPartition partition: Int32) -> [String] {
        byPartition[partition].map { Array($0.keys) } ?? []
    }

    /// Records newly assigned partitions (their targets arrive as the partitions are replayed).
    public mutating func assign(_ partitions: [Int32]) {
        assignedPartitions.formUnion(partitions)
        for partition in partitions where byPartition[partition] == nil { byPartition[partition] = [:] }
    }

    /// Drops revoked partitions and returns the ids of the targets that went with them.
    @discardableResult
    public mutating func revoke(_ partitions: [Int32]) -> [String] {
        var dropped: [String] = []
        for partition in partitions {
            assignedPartitions.remove(partition)
            dropped += byPartition.removeValue(forKey: partition)?.keys.map { $0 } ?? []
        }
        return dropped
    }

    /// Applies a watch request read from `partition`. Returns `true` if the target is new here.
    @discardableResult
    public mutating func apply(requested target: ScrapeTarget, partition: Int32) -> Bool {
        guard assignedPartitions.contains(partition) else { return false }
        let isNew = byPartition[partition]?[target.id] == nil
        byPartition[partition, default: [:]][target.id] = target
        return isNew
    }

    /// Applies a watch cancellation read from `partition`. Returns `true` if a target was removed.
    @discardableResult
    public mutating func apply(cancelled targetId: String, partition: Int32) -> Bool {
        byPartition[partition]?.removeValue(forKey: targetId) != nil
    }
}
