/// Where a dead letter sits in the dead-letter topic: the `deadletter/<partition>/<offset>` a
/// replayed message names in its `dlq-replayed-from` header.
public struct DeadLetterPosition: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Partition of the dead-letter topic.
    public var partition: Int32
    /// Offset within that partition.
    public var offset: Int64

    /// Creates a position.
    public init(partition: Int32, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.partition, lhs.offset) < (rhs.partition, rhs.offset)
    }

    /// `deadletter/<partition>/<offset>`.
    public var description: String { "deadletter/\(partition)/\(offset)" }
}
