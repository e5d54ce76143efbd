import CivilTime
import Foundation

/// A free appointment slot.
public struct FreeSlot: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// Slot start (a key of a shift's `turns`).
    public var start: Date
    /// Slot end: start plus the shift's `slice`.
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

    /// Start as Unix seconds (paziresh24's form).
    public var startUnixSeconds: Int { Int(start.timeIntervalSince1970) }

    /// `HH:mm` of the start in Tehran.
    public var tehranStartTime: String { TehranTime.hourMinute(start) }

    /// `yyyy-MM-dd HH:mm–HH:mm` in Tehran.
    public var description: String {
        "\(TehranTime.dateString(start)) \(TehranTime.hourMinute(start))–\(TehranTime.hourMinute(end))"
    }
}
