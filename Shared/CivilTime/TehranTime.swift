import Foundation

/// Tehran wall-clock time, as paziresh24 and the contract use it.
///
/// Iran abolished daylight saving time in 2022 and has kept UTC+03:30 all year since, and
/// paziresh24 keys its days by 00:00 at UTC+03:30 (Unix seconds), so a fixed offset is exact for
/// every slot the site can list today and needs no time-zone database on the host. (Dates before
/// 2022 would need the historic DST rules; SlotHunter never looks back.) Plain integer arithmetic,
/// no `Calendar`: these run for every slot of every poll and every message.
public enum TehranTime {
    /// Seconds east of UTC: +03:30.
    public static let offsetSeconds = 3 * 3600 + 30 * 60
    /// The IANA name written into events and sent to paziresh24 (`accept-timezone`).
    public static let identifier = "Asia/Tehran"
    /// A fixed-offset zone (deliberately not `Asia/Tehran`, see the type's note).
    public static let timeZone = TimeZone(secondsFromGMT: offsetSeconds)!

    private static let secondsPerDay: Int64 = 86_400

    /// A Gregorian calendar in the fixed Tehran zone (for callers that need `DateComponents`).
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `HH:mm` in Tehran, e.g. `15:00`.
    public static func hourMinute(_ date: Date) -> String {
        let secondOfDay = CivilCalendar.floorDivide(localSeconds(date), secondsPerDay).remainder
        return twoDigits(secondOfDay / 3600) + ":" + twoDigits(secondOfDay % 3600 / 60)
    }

    /// `yyyy-MM-dd` (Gregorian) of the Tehran day holding `date`.
    public static func dateString(_ date: Date) -> String {
        let (year, month, day) = CivilCalendar.civil(fromDays: localDay(date))
        let yearText = String(year)
        return String(repeating: "0", count: max(0, 4 - yearText.count)) + yearText + "-" + twoDigits(month) + "-" + twoDigits(day)
    }

    /// Unix seconds of 00:00 Tehran of the day holding `date`: the key paziresh24 uses for days
    /// (`result` keys and `calendar.turns`).
    public static func dayKey(_ date: Date) -> Int {
        Int(localDay(date) * secondsPerDay) - offsetSeconds
    }

    /// 00:00 Tehran of the day holding `date`.
    public static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval(dayKey(date)))
    }

    /// 00:00 Tehran of a Gregorian `yyyy-MM-dd`, or nil if the text is not such a date.
    public static func startOfDay(dateString text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int64(parts[0]), let month = Int64(parts[1]), let day = Int64(parts[2]),
            (1...12).contains(month), day >= 1, day <= CivilCalendar.daysIn(month: month, year: year)
        else { return nil }
        return Date(
            timeIntervalSince1970: TimeInterval(CivilCalendar.days(fromCivil: year, month, day) * secondsPerDay - Int64(offsetSeconds)))
    }

    /// Hour of day (0–23) in Tehran.
    public static func hour(_ date: Date) -> Int {
        Int(CivilCalendar.floorDivide(localSeconds(date), secondsPerDay).remainder / 3600)
    }

    /// JavaScript `getDay()` weekday in Tehran (0 = Sunday … 6 = Saturday), the numbering of
    /// paziresh24's `calendar.non_workdays`.
    public static func weekday(_ date: Date) -> Int {
        // 1970-01-01 was a Thursday (4).
        Int(CivilCalendar.floorDivide(localDay(date) + 4, 7).remainder)
    }

    /// Days since 1970-01-01 of the Tehran day holding `date`.
    private static func localDay(_ date: Date) -> Int64 {
        CivilCalendar.floorDivide(localSeconds(date), secondsPerDay).quotient
    }

    private static func localSeconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down)) + Int64(offsetSeconds)
    }

    private static func twoDigits(_ value: Int64) -> String { value < 10 ? "0" + String(value) : String(value) }
}
