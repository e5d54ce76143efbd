import CivilTime
import Foundation

/// Jalali (Solar Hijri) dates in Tehran time, in Persian or English.
///
/// Tehran's day, weekday and time of day come from `CivilTime.TehranTime` (the fixed UTC+03:30
/// that Iran has kept all year since 2022, by integer arithmetic); only the Jalali year, month and
/// day of that Tehran day come from Foundation's `.persian` calendar (available on Linux).
public enum JalaliCalendar {
    /// Tehran, fixed UTC+03:30 (`TehranTime.timeZone`).
    public static let tehran = TehranTime.timeZone

    /// Persian month names, Farvardin first.
    public static let persianMonths = [
        "فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند",
    ]
    /// Transliterated month names for English.
    public static let englishMonths = [
        "Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey",
        "Bahman", "Esfand",
    ]
    /// Persian weekday names indexed by JavaScript `getDay()` (0 = Sunday).
    public static let persianWeekdays = ["یکشنبه", "دوشنبه", "سه‌شنبه", "چهارشنبه", "پنجشنبه", "جمعه", "شنبه"]
    /// English weekday names indexed by `getDay()`.
    public static let englishWeekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    private static var calendar: Calendar {
        var calendar = Calendar(identifier: .persian)
        calendar.timeZone = tehran
        return calendar
    }

    /// Jalali year, month (1…12) and day of an instant, in Tehran.
    public static func components(_ date: Date) -> (year: Int, month: Int, day: Int) {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        return (c.year!, c.month!, c.day!)
    }

    /// Weekday as JavaScript `getDay()` (0 = Sunday), in Tehran.
    public static func weekday(_ date: Date) -> Int { TehranTime.weekday(date) }

    /// `"سه‌شنبه ۱۴ مهر ۱۴۰۵"` / `"Tuesday 14 Mehr 1405"`.
    public static func longDate(_ date: Date, language: Language) -> String {
        let (y, m, d) = components(date)
        let weekday = weekday(date)
        switch language {
        case .persian: return PersianDigits.persianize("\(persianWeekdays[weekday]) \(d) \(persianMonths[m - 1]) \(y)")
        case .english: return "\(englishWeekdays[weekday]) \(d) \(englishMonths[m - 1]) \(y)"
        }
    }

    /// `"۱۴۰۵/۰۷/۱۴"` / `"1405/07/14"`.
    public static func shortDate(_ date: Date, language: Language) -> String {
        let (y, m, d) = components(date)
        let text = String(format: "%04d/%02d/%02d", y, m, d)
        return language == .persian ? PersianDigits.persianize(text) : text
    }

    /// `"۱۵:۰۰"` / `"15:00"` in Tehran, by arithmetic (no `Calendar`): notices call it for every slot.
    public static func time(_ date: Date, language: Language) -> String {
        let text = TehranTime.hourMinute(date)
        return language == .persian ? PersianDigits.persianize(text) : text
    }

    /// `"۱۴۰۵/۰۷/۱۴ ۱۵:۰۰"` / `"1405/07/14 15:00"`.
    public static func dateTime(_ date: Date, language: Language) -> String {
        "\(shortDate(date, language: language)) \(time(date, language: language))"
    }

    /// A number in the user's digits.
    public static func number(_ value: Int, language: Language) -> String {
        language == .persian ? PersianDigits.persianize(String(value)) : String(value)
    }
}
