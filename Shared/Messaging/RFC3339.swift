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
    public static func string(from date: Date) -> String {
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let (seconds, fraction) = floorDivide(millis, 1000)
        let (days, secondOfDay) = floorDivide(seconds, 86_400)
        let (year, month, day) = civil(fromDays: days)
        guard (0...9999).contains(year) else {
            // Outside four-digit years RFC 3339 has no form; keep the sign and let readers refuse it.
            return String(format: "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld.%03lldZ", year, month, day,
                          secondOfDay / 3600, secondOfDay % 3600 / 60, secondOfDay % 60, fraction)
        }
        var bytes = [UInt8](repeating: 0, count: 24)
        func put(_ value: Int64, at offset: Int, digits: Int) {
            var value = value
            for index in stride(from: offset + digits - 1, through: offset, by: -1) {
                bytes[index] = UInt8(truncatingIfNeeded: 48 + value % 10)
                value /= 10
            }
        }
        put(year, at: 0, digits: 4)
        bytes[4] = 45  // -
        put(month, at: 5, digits: 2)
        bytes[7] = 45
        put(day, at: 8, digits: 2)
        bytes[10] = 84  // T
        put(secondOfDay / 3600, at: 11, digits: 2)
        bytes[13] = 58  // :
        put(secondOfDay % 3600 / 60, at: 14, digits: 2)
        bytes[16] = 58
        put(secondOfDay % 60, at: 17, digits: 2)
        bytes[19] = 46  // .
        put(fraction, at: 20, digits: 3)
        bytes[23] = 90  // Z
        return String(decoding: bytes, as: UTF8.self)
    }

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
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year),
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
        let seconds = days(fromCivil: year, month, day) * 86_400 + hour * 3600 + minute * 60 + second - offset
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

    private static func floorDivide(_ value: Int64, _ divisor: Int64) -> (quotient: Int64, remainder: Int64) {
        let (q, r) = value.quotientAndRemainder(dividingBy: divisor)
        return r < 0 ? (q - 1, r + divisor) : (q, r)
    }

    private static func isLeap(_ year: Int64) -> Bool { year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) }

    private static func daysIn(month: Int64, year: Int64) -> Int64 {
        switch month {
        case 2: isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // Days since 1970-01-01 of a proleptic Gregorian date and back (Howard Hinnant's
    // `days_from_civil` and `civil_from_days`, public domain).
    private static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civil(fromDays days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }
}
