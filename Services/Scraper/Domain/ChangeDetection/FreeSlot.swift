import Foundation

/// A free appointment slot of one target: a timed slot, or a free day whose times the source did
/// not list (a day-level slot).
public struct FreeSlot: Sendable, Hashable, Comparable {
    /// How precisely a slot is known.
    public enum Granularity: String, Sendable, Hashable {
        /// A slot with its start and end time.
        case time
        /// A free day known without times: `start` is 00:00 Tehran of that day, `end` 00:00 of
        /// the next.
        case day
    }

    /// What identifies a slot across polls: its start and its granularity (a day-level slot and a
    /// timed slot at 00:00 are two slots).
    public struct Key: Sendable, Hashable, Comparable {
        /// When the slot starts.
        public var start: Date
        /// Timed or day-level.
        public var granularity: Granularity

        /// Creates a key.
        public init(start: Date, granularity: Granularity) {
            self.start = start
            self.granularity = granularity
        }

        /// Orders by start, then timed before day-level.
        public static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.start, lhs.granularity == .day ? 1 : 0) < (rhs.start, rhs.granularity == .day ? 1 : 0)
        }
    }

    /// When the slot starts.
    public var start: Date
    /// When it ends.
    public var end: Date
    /// Timed (the default) or day-level.
    public var granularity: Granularity

    /// Creates a slot.
    public init(start: Date, end: Date, granularity: Granularity = .time) {
        self.start = start
        self.end = end
        self.granularity = granularity
    }

    /// A day-level slot for the day starting at `dayStart` (00:00 Tehran), ending 24 hours later
    /// (Tehran has kept UTC+03:30 all year since 2022).
    public static func day(startingAt dayStart: Date) -> FreeSlot {
        FreeSlot(start: dayStart, end: dayStart.addingTimeInterval(86_400), granularity: .day)
    }

    /// The slot's identity across polls.
    public var key: Key { Key(start: start, granularity: granularity) }

    /// Whether a person could still book it at `now`: a timed slot until it starts, a day-level
    /// slot until its day ends. Slots that are not upcoming are never announced and count as gone.
    public func isUpcoming(at now: Date) -> Bool {
        switch granularity {
        case .time: start > now
        case .day: end > now
        }
    }

    /// Orders by key, then end.
    public static func < (lhs: FreeSlot, rhs: FreeSlot) -> Bool {
        lhs.key != rhs.key ? lhs.key < rhs.key : lhs.end < rhs.end
    }
}
