import Foundation

/// RFC 3339 timestamps as the contract writes and reads them.
///
/// Written in UTC with milliseconds (`2026-10-06T11:30:00.000Z`); read with any offset
/// (`+03:30`, `Z`), with or without fractional seconds. A timestamp without an offset is refused.
public enum RFC3339 {
    /// Formats an instant.
    public static func string(from date: Date) -> String {
        // Integer milliseconds first: Foundation's formatter truncates binary fractions (.08 → .079).
        let millis = Int64((date.timeIntervalSince1970 * 1000).rounded())
        let seconds = millis.quotientAndRemainder(dividingBy: 1000)
        let whole = seconds.remainder < 0 ? seconds.quotient - 1 : seconds.quotient
        let fraction = seconds.remainder < 0 ? seconds.remainder + 1000 : seconds.remainder
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let c = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSince1970: TimeInterval(whole)))
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!,
            Int(fraction))
    }

    /// Parses an RFC 3339 timestamp with an offset, or returns `nil`.
    public static func date(from string: String) -> Date? {
        let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        if let date = try? fractional.parse(string) { return date }
        return try? Date.ISO8601FormatStyle().parse(string)
    }
}
