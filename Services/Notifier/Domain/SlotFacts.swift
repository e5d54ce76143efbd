import CivilTime
import Foundation

/// What the filters look at in a slot: its start (and end), online or not, its Tehran hour and
/// weekday, and whether it is a free day known without times.
///
/// Computed once per slot (`TehranTime` is plain arithmetic on the instant), not once per
/// subscriber of a busy doctor.
public struct SlotFacts: Sendable, Hashable {
    /// Start instant.
    public var start: Date
    /// Online visit.
    public var isOnline: Bool
    /// End instant (a free day is bookable until it ends).
    public var end: Date
    /// A free day known without times: its hour says nothing, so the hour filter does not apply.
    public var isDay: Bool
    /// Tehran hour, 0…23.
    public var hour: Int
    /// JavaScript weekday in Tehran (0 = Sunday).
    public var weekday: Int

    /// Derives the facts of a slot.
    public init(start: Date, isOnline: Bool, end: Date? = nil, isDay: Bool = false) {
        self.start = start
        self.end = end ?? start
        self.isDay = isDay
        self.isOnline = isOnline
        hour = TehranTime.hour(start)
        weekday = TehranTime.weekday(start)
    }
}

extension SlotFacts {
    /// The facts of a slot as a notice lists it.
    public init(_ slot: SlotPeriod, isOnline: Bool) {
        self.init(start: slot.start, isOnline: isOnline, end: slot.end, isDay: slot.granularity == .day)
    }
}
