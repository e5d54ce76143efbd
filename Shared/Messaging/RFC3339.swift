import CivilTime
import Foundation

/// RFC 3339 timestamps as the contract writes and reads them.
///
/// Written in UTC with milliseconds (`2026-10-06T11:30:00.000Z`); read with any offset
/// (`+03:30`, `Z`), with or without fractional seconds. A timestamp without an offset is refused.
///
/// Hand-written over the UTF-8 bytes on purpose: every message carries four or more timestamps,
/// and with Foundation's `Calendar` and `ISO8601FormatStyle` they were about a sixth of the CPU a
/// backlog of `slot.found` cost the notifier (perf, `bench/notifier/run.sh`).
public enum RFC3339 {
    /// Formats an instant (UTC, milliseconds, rounded to the nearest millisecond).
    public static func string(from date: Date) -> String { CivilCalendar.rfc3339Milliseconds(date) }

    /// Parses an RFC 3339 timestamp with an offset (`Z` or `±hh:mm`), or returns `nil`:
    /// `yyyy-MM-ddTHH:mm:ss[.fraction](Z|±hh:mm)`, `T` and `Z` in either case.
    public static func date(from string: String) -> Date? {
        var string = string
        return string.withUTF8 { parse(Array($0)) }
    }

    private static func parse(_ b: [UInt8]) -> Date? {
        // Fixed part: yyyy-MM-ddTHH:mm:ss (19 bytes), then an optional fraction, then the offset.
        guard b.count >= 20,
            let year = number(b, 0, 4), b[4] == 45, let month = number(b, 5, 2), b[7] == 45, let day = number(b, 8, 2),
            b[10] == 84 || b[10] == 116,
            let hour = number(b, 11, 2), b[13] == 58, let minute = number(b, 14, 2), b[16] == 58, let second = number(b, 17, 2)
        else { return nil }
        guard (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year),
            hour <= 23, minute <= 59, second <= 59
        else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == 46 {  // .
            index += 1
            let start = index
            var nanoseconds: Int64 = 0
            while index < b.count, (48...57).contains(b[index]) {
                if index - start < 9 { nanoseconds = nanoseconds * 10 + Int64(b[index] - 48) }
                index += 1
            }
            guard index > start else { return nil }
            for _ in min(9, index - start)..<9 { nanoseconds *= 10 }
            fraction = Double(nanoseconds) / 1_000_000_000
        }
        guard index < b.count else { return nil }
        var offset: Int64 = 0
        switch b[index] {
        case 90, 122:  // Z z
            index += 1
        case 43, 45:  // + -
            guard b.count == index + 6, let hours = number(b, index + 1, 2), b[index + 3] == 58,
                let minutes = number(b, index + 4, 2), hours <= 23, minutes <= 59
            else { return nil }
            offset = (hours * 3600 + minutes * 60) * (b[index] == 45 ? -1 : 1)
            index += 6
        default:
            return nil
        }
        guard index == b.count else { return nil }
        let seconds = CivilCalendar.days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// The decimal number in `count` ASCII digits at `offset`, or nil.
    private static func number(_ b: [UInt8], _ offset: Int, _ count: Int) -> Int64? {
        var value: Int64 = 0
        for index in offset..<(offset + count) {
            let digit = b[index] &- 48
            guard digit <= 9 else { return nil }
            value = value * 10 + Int64(digit)
        }
        return value
    }
}
