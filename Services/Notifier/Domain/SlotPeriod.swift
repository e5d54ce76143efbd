import Foundation

/// A free appointment: its start and end instants.
public struct SlotPeriod: Sendable, Hashable {
    /// Start instant.
    public var start: Date
    /// End instant.
    public var end: Date

    /// Creates a slot period.
    public init(start: Date, end: Date) {
        self.start = start
        self.end = end
    }
}
