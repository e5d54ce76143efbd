import CivilTime
import Foundation

/// Turns a waiting time chosen by someone else (a `Retry-After` header, Telegram's `retry_after`)
/// into a `Duration` without ever trapping, clamped to `range`.
///
/// Such values come from servers, CDNs and proxies we do not control: `Retry-After: 1e300`,
/// `-1`, `NaN`, a date in the year 9999 or a `retry_after` of `Int.max` must neither crash the
/// process (an `Int64(huge Double)` conversion or an overflowing multiplication traps) nor make a
/// service sleep for centuries. Every parser here works on bounded values only, and every result
/// lies in `range`: `0 s ... 1 hour`.
///
/// - `minimum` (0 s): a date in the past or `0` means "now".
/// - `maximum` (1 hour, `maximumSeconds`): no upstream rate limit we know of asks for longer, and
///   callers cap their own waits much lower anyway (the paziresh24 client gives up on a
///   `Retry-After` above 30 s; the scraper then simply polls that target later). Longer values
///   are treated as "one hour", not rejected, so a caller still backs off.
public enum ExternalDuration {
    /// The longest wait any external value can produce, in seconds (1 hour).
    public static let maximumSeconds: Int64 = 3_600
    /// The shortest wait (zero).
    public static let minimum: Duration = .zero
    /// The longest wait (`maximumSeconds`).
    public static let maximum: Duration = .seconds(maximumSeconds)
    /// Every duration this type returns lies in this range.
    public static let range: ClosedRange<Duration> = minimum...maximum

    /// Longest text considered: a real header value is a few dozen bytes.
    static let maximumLength = 64

    /// `Retry-After` in either form of RFC 9110 §10.2.3: delta-seconds (`"120"`; a fraction such as
    /// `"1.5"` or an exponent is accepted and clamped) or an HTTP-date
    /// (`"Sun, 06 Nov 1994 08:49:37 GMT"`, measured from `now`).
    /// - Returns: the wait, clamped to `range`; nil when the value is neither form or negative.
    public static func retryAfter(_ value: String, now: Date = Date()) -> Duration? {
        let text = trimmed(value)
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return nil }
        return seconds(text) ?? httpDate(text, now: now)
    }

    /// Delta-seconds: ASCII digits with an optional fraction and exponent (`"5"`, `"1.5"`, `"1e3"`).
    /// No sign, no hex, no `inf`/`nan`, no other digits than `0-9`.
    /// - Returns: the wait, clamped to `range`; nil when the text is not such a number.
    public static func seconds(_ value: String) -> Duration? {
        let text = trimmed(value)
        guard !text.isEmpty, text.utf8.count <= maximumLength else { return nil }
        let allowed = text.utf8.allSatisfy { byte in
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: ".")
                || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-")
        }
        guard allowed, let first = text.utf8.first, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first),
            let number = Double(text)
        else { return nil }
        return clamped(seconds: number)
    }

    /// A whole number of seconds from a decoded field (Telegram's `retry_after`), clamped to
    /// `range` (negative values become zero).
    public static func clamped(seconds: Int) -> Duration {
        .seconds(Int64(min(max(seconds, 0), Int(maximumSeconds))))
    }

    /// Any number of seconds, clamped to `range`; NaN becomes zero, +infinity the maximum.
    public static func clamped(seconds: Double) -> Duration {
        guard !seconds.isNaN else { return minimum }
        // Clamp while still a Double: only then is the conversion to an integer safe.
        let bounded = min(max(seconds, 0), Double(maximumSeconds))
        return .milliseconds(Int64((bounded * 1000).rounded()))
    }

    /// Any duration, clamped to `range`.
    public static func clamped(_ duration: Duration) -> Duration {
        min(max(duration, minimum), maximum)
    }

    /// The leading ASCII digits of `text` as whole seconds (`"retry after 35"` → 35 after the
    /// caller has found the number), clamped to `range`; nil when `text` does not start with one.
    public static func leadingSeconds(_ text: Substring) -> Duration? {
        let digits = text.utf8.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        guard !digits.isEmpty else { return nil }
        // Saturating accumulation: more digits than fit in the range just mean "the maximum".
        var total: Int64 = 0
        for digit in digits {
            total = min(total * 10 + Int64(digit - UInt8(ascii: "0")), maximumSeconds + 1)
        }
        return clamped(seconds: Int(total))
    }

    /// An IMF-fixdate (`"Sun, 06 Nov 1994 08:49:37 GMT"`, the only form RFC 9110 asks senders
    /// to produce) measured from `now`; a past date is zero.
    /// - Returns: the wait, clamped to `range`; nil when the text is not such a date.
    public static func httpDate(_ value: String, now: Date = Date()) -> Duration? {
        let parts = trimmed(value).split(separator: " ", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0].count == 4, parts[0].hasSuffix(","), parts[5] == "GMT",
            let day = number(parts[1], digits: 2), let month = months.firstIndex(of: String(parts[2])),
            let year = number(parts[3], digits: 4)
        else { return nil }
        let clock = parts[4].split(separator: ":", omittingEmptySubsequences: false)
        guard clock.count == 3, let hour = number(clock[0], digits: 2), let minute = number(clock[1], digits: 2),
            let second = number(clock[2], digits: 2), (1...31).contains(day), hour < 24, minute < 60, second < 61,
            day <= CivilCalendar.daysIn(month: Int64(month + 1), year: year)
        else { return nil }
        let days = CivilCalendar.days(fromCivil: year, Int64(month + 1), day)
        // Four-digit years keep this far from any overflow: |days| < 3.7 million.
        let epochSeconds = days * 86_400 + hour * 3_600 + minute * 60 + second
        return clamped(seconds: Double(epochSeconds) - now.timeIntervalSince1970)
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// Exactly `digits` ASCII digits.
    private static func number(_ text: Substring, digits: Int) -> Int64? {
        guard text.utf8.count == digits else { return nil }
        var value: Int64 = 0
        for byte in text.utf8 {
            guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) else { return nil }
            value = value * 10 + Int64(byte - UInt8(ascii: "0"))
        }
        return value
    }

    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    private static func trimmed(_ value: String) -> String {
        value.trimmingCharacters(in: CharacterSet(charactersIn: " \t"))
    }
}
