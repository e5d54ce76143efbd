import Foundation

/// Tehran wall-clock helpers for paziresh24 timestamps.
///
/// paziresh24 keys its days by 00:00 Tehran time and sends every slot as Unix seconds. Iran
/// abolished daylight saving time in 2022 and has kept UTC+03:30 all year since, so a fixed
/// offset is exact for every slot the site can list today and needs no time-zone database on the
/// host. (Dates before 2022 would need the historic DST rules; SlotHunter never looks back.)
public enum TehranTime {
    /// Seconds east of UTC: +03:30.
    public static let offsetSeconds = 3 * 3600 + 30 * 60
    /// The IANA name paziresh24 expects in the `accept-timezone` header.
    public static let identifier = "Asia/Tehran"
    /// A fixed-offset zone (deliberately not `Asia/Tehran`, see the type's note).
    public static let timeZone = TimeZone(secondsFromGMT: offsetSeconds)!

    private static let secondsPerDay = 86_400

    /// `HH:mm` in Tehran, e.g. `15:00`.
    public static func hourMinute(_ date: Date) -> String {
        let local = localSeconds(date)
        let secondsOfDay = ((local % secondsPerDay) + secondsPerDay) % secondsPerDay
        return String(format: "%02d:%02d", secondsOfDay / 3600, (secondsOfDay % 3600) / 60)
    }

    /// 00:00 Tehran of the day holding `date`.
    public static func startOfDay(_ date: Date) -> Date {
        Date(timeIntervalSince1970: TimeInterval(dayKey(date)))
    }

    /// Unix seconds of 00:00 Tehran of the day holding `date`: the key paziresh24 uses for days
    /// (`result` keys and `calendar.turns`).
    public static func dayKey(_ date: Date) -> Int {
        let local = localSeconds(date)
        let day = local >= 0 ? local / secondsPerDay : (local - secondsPerDay + 1) / secondsPerDay
        return day * secondsPerDay - offsetSeconds
    }

    /// `yyyy-MM-dd` of the Tehran day holding `date`.
    public static func dateString(_ date: Date) -> String {
        let components = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", components.year ?? 0, components.month ?? 0, components.day ?? 0)
    }

    /// 00:00 Tehran of a Gregorian `yyyy-MM-dd`, or nil if the text is not such a date.
    public static func startOfDay(dateString text: String) -> Date? {
        let parts = text.split(separator: "-")
        guard parts.count == 3, let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2]),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let components = DateComponents(year: year, month: month, day: day)
        guard let date = calendar.date(from: components),
            calendar.component(.day, from: date) == day
        else { return nil }
        return date
    }

    /// JavaScript `getDay()` weekday in Tehran (0 = Sunday … 6 = Saturday), the numbering of
    /// paziresh24's `calendar.non_workdays`.
    public static func weekday(_ date: Date) -> Int {
        let day = dayKey(date) + offsetSeconds  // midnight of that day in "local seconds"
        // 1970-01-01 was a Thursday (4).
        return (((day / secondsPerDay) % 7) + 7 + 4) % 7
    }

    /// A Gregorian calendar in the fixed Tehran zone.
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    private static func localSeconds(_ date: Date) -> Int {
        Int(date.timeIntervalSince1970.rounded(.down)) + offsetSeconds
    }
}
