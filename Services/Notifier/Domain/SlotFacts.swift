import CivilTime
import Foundation

/// What the filters look at in a slot: its start, online or not, and its Tehran hour and weekday.
///
/// Computed once per slot (`TehranTime` is plain arithmetic on the instant), not once per
/// subscriber of a busy doctor.
public struct SlotFacts: Sendable, Hashable {
    /// Start instant.
    public var start: Date
    /// Online visit.
    public var isOnline: Bool
    /// Tehran hour, 0…23.
    public var hour: Int
    /// JavaScript weekday in Tehran (0 = Sunday).
    public var weekday: Int

    /// Derives the facts of a slot.
    public init(start: Date, isOnline: Bool) {
        self.start = start
        self.isOnline = isOnline
        hour = TehranTime.hour(start)
        weekday = TehranTime.weekday(start)
    }
}
