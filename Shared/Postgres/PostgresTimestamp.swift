import CivilTime
import Foundation

/// Text conversions of `timestamptz` with plain integer calendar arithmetic (proleptic Gregorian,
/// like PostgreSQL), microsecond precision.
enum PostgresTimestamp {
    /// `2026-10-06 08:30:00.123456+00` (`BC` suffix before year 1), rounded to the microsecond.
    static func format(_ date: Date) -> String {
        // Clamped to what Int64 microseconds hold; PostgreSQL's own range (up to year 294276) is narrower.
        let scaled = (date.timeIntervalSince1970 * 1_000_000).rounded()
        let micros = scaled.isNaN ? 0 : Int64(min(max(scaled, -9.2e18), 9.2e18))
        let (days, microsOfDay) = CivilCalendar.floorDivide(micros, 86_400_000_000)
        let (year, month, day) = CivilCalendar.civil(fromDays: days)
        let seconds = microsOfDay / 1_000_000
        let fraction = microsOfDay % 1_000_000
        let printedYear = year <= 0 ? 1 - year : year
        var text = pad(printedYear, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + " "
        text += pad(seconds / 3600, 2) + ":" + pad(seconds / 60 % 60, 2) + ":" + pad(seconds % 60, 2)
        if fraction != 0 { text += "." + pad(fraction, 6) }
        text += "+00"
        if year <= 0 { text += " BC" }
        return text
    }

    /// Parses ISO `DateStyle` output of `timestamptz`, `timestamp` (read as UTC) and `date`
    /// (midnight UTC): `YYYY-MM-DD[ |T]HH:MM:SS[.ffffff][+HH[:MM[:SS]]][ BC]`, `infinity`, `-infinity`.
    static func parse(_ text: String) -> Date? {
        if text == "infinity" { return .distantFuture }
        if text == "-infinity" { return .distantPast }
        var scanner = ByteScanner(text)
        guard let year = scanner.number(minDigits: 4, maxDigits: 7), scanner.skip("-"),
            let month = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip("-"),
            let day = scanner.number(minDigits: 2, maxDigits: 2), (1...12).contains(month), (1...31).contains(day)
        else { return nil }

        var secondsOfDay: Int64 = 0
        var micros: Int64 = 0
        var offsetSeconds: Int64 = 0
        if scanner.skip(" ") || scanner.skip("T") {
            guard let hour = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
                let minute = scanner.number(minDigits: 2, maxDigits: 2), scanner.skip(":"),
                let second = scanner.number(minDigits: 2, maxDigits: 2), hour <= 24, minute < 60, second <= 60
            else { return nil }
            secondsOfDay = hour * 3600 + minute * 60 + second
            if scanner.skip(".") {
                var digits = 0
                while let digit = scanner.digit() {
                    if digits < 6 { micros = micros * 10 + digit }
                    digits += 1
                }
                guard digits > 0 else { return nil }
                for _ in digits..<max(digits, 6) { micros *= 10 }
            }
            if let sign = scanner.sign() {
                guard let hours = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                var offset = hours * 3600
                if scanner.skip(":") {
                    guard let minutes = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                    offset += minutes * 60
                    if scanner.skip(":") {
                        guard let seconds = scanner.number(minDigits: 2, maxDigits: 2) else { return nil }
                        offset += seconds
                    }
                }
                offsetSeconds = sign * offset
            } else if scanner.skip("Z") {
                offsetSeconds = 0
            }
        }
        var astronomicalYear = year
        if scanner.skip(" BC") { astronomicalYear = 1 - year }
        guard scanner.isAtEnd else { return nil }

        let days = CivilCalendar.days(fromCivil: astronomicalYear, month, day)
        let seconds = days * 86_400 + secondsOfDay - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + Double(micros) / 1_000_000)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
