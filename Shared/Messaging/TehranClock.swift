import Foundation

/// Tehran wall-clock rendering used by the contract.
///
/// Iran has kept UTC+03:30 all year since it abolished daylight saving time in 2022, and
/// paziresh24 keys its days by 00:00 at UTC+03:30, so a fixed offset is exact for every slot
/// the site can list and does not depend on the host's time-zone database.
public enum TehranClock {
    /// The IANA identifier written into events.
    public static let identifier = "Asia/Tehran"
    /// Seconds east of UTC.
    public static let offsetSeconds = 3 * 3600 + 30 * 60
    /// The fixed-offset zone.
    public static let timeZone = TimeZone(secondsFromGMT: offsetSeconds)!

    /// Gregorian calendar in Tehran time.
    public static var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        return calendar
    }

    /// `yyyy-MM-dd` in Tehran.
    public static func dateString(_ date: Date) -> String {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
    }

    /// `HH:mm` in Tehran.
    public static func timeString(_ date: Date) -> String {
        let c = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", c.hour!, c.minute!)
    }

    /// 00:00 Tehran of the day holding `date`.
    public static func startOfDay(_ date: Date) -> Date {
        calendar.startOfDay(for: date)
    }

    /// Hour of day (0–23) in Tehran.
    public static func hour(_ date: Date) -> Int {
        calendar.component(.hour, from: date)
    }

    /// JavaScript `getDay()` weekday in Tehran: 0 = Sunday … 6 = Saturday (paziresh24's numbering).
    public static func weekday(_ date: Date) -> Int {
        calendar.component(.weekday, from: date) - 1
    }
}
