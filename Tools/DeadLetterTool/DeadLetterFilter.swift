import Messaging

/// Which dead letters a command works on. Every criterion that is set must match.
public struct DeadLetterFilter: Sendable, Equatable {
    /// Only this reason.
    public var reason: DeadLetterV1.Reason?
    /// Only messages that came from this topic.
    public var sourceTopic: String?
    /// Only messages that came from this partition of their source topic.
    public var sourcePartition: Int32?
    /// Only messages whose source offset is in this range.
    public var sourceOffsets: ClosedRange<Int64>?

    /// Creates a filter; nil criteria match everything.
    public init(
        reason: DeadLetterV1.Reason? = nil, sourceTopic: String? = nil, sourcePartition: Int32? = nil,
        sourceOffsets: ClosedRange<Int64>? = nil
    ) {
        self.reason = reason
        self.sourceTopic = sourceTopic
        self.sourcePartition = sourcePartition
        self.sourceOffsets = sourceOffsets
    }

    /// Whether `letter` passes every criterion.
    public func matches(_ letter: DeadLetterV1) -> Bool {
        if let reason, letter.reason != reason { return false }
        if let sourceTopic, letter.sourceTopic != sourceTopic { return false }
        if let sourcePartition, letter.sourcePartition != sourcePartition { return false }
        if let sourceOffsets, !sourceOffsets.contains(letter.sourceOffset) { return false }
        return true
    }

    /// The entries that match, in source order (topic, partition, offset).
    public func select(_ entries: [DeadLetterEntry]) -> [DeadLetterEntry] {
        entries.filter { matches($0.letter) }.sorted(by: DeadLetterEntry.sourceOrder)
    }

    /// `reason=malformed, source topic=…` or `none` for the operator.
    public var summary: String {
        var parts: [String] = []
        if let reason { parts.append("reason=\(reason.rawValue)") }
        if let sourceTopic { parts.append("source topic=\(sourceTopic)") }
        if let sourcePartition { parts.append("source partition=\(sourcePartition)") }
        if let sourceOffsets {
            let upper = sourceOffsets.upperBound == Int64.max ? "" : String(sourceOffsets.upperBound)
            parts.append("source offsets=\(sourceOffsets.lowerBound)...\(upper)")
        }
        return parts.isEmpty ? "none" : parts.joined(separator: ", ")
    }
}
