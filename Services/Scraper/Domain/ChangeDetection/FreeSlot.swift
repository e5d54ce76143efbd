import Foundation

/// A free appointment slot of one target.
public struct FreeSlot: Sendable, Hashable, Comparable {
    /// When the slot starts.
    public var start: Date
    /// When it ends.
    public var end: Date

    /// Creates a slot.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }

    /// Orders by start, then end.
    public static func < (lhs: FreeSlot, rhs: FreeSlot) -> Bool {
        (lhs.start, lhs.end) < (rhs.start, rhs.end)
    }
}
