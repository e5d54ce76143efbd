import CivilTime
import Foundation
import Localization

/// Writes the Telegram message of a notice: in Persian (or English), Jalali dates, Tehran times,
/// at most `maxListed` slots and "and N more", with a button that opens the booking page.
public struct NoticeComposer: Sendable {
    /// How many slots a message lists before "and N more".
    public var maxListed: Int

    /// Creates a composer.
    public init(maxListed: Int = 10) {
        self.maxListed = maxListed
    }

    /// The text of the message (plain text, no parse mode: doctor names are not escaped for HTML).
    public func text(for notice: Notice) -> String {
        let language = notice.language
        let listed = notice.slots.prefix(maxListed)
        let remaining = notice.slots.count - listed.count
        var lines: [String] = []
        switch language {
        case .persian:
            lines.append("🔔 نوبت خالی پیدا شد!")
            lines.append("👨‍⚕️ دکتر \(notice.doctor.displayName)" + (notice.doctor.specialty.map { " — \($0)" } ?? ""))
            lines.append("📍 \(notice.center.name) (\(notice.center.isOnline ? "ویزیت آنلاین" : "حضوری"))")
            lines.append("")
            var dates = DateCache(language: .persian)
            for slot in listed {
                lines.append("• \(dates.longDate(slot.start))، ساعت \(Self.time(slot.start, language: .persian))")
            }
            if remaining > 0 { lines.append("… و \(JalaliCalendar.number(remaining, language: .persian)) نوبت دیگر") }
            lines.append("")
            lines.append("نوبت‌ها زود پر می‌شوند؛ برای رزرو از دکمهٔ زیر استفاده کنید.")
        case .english:
            lines.append("🔔 Free slot found!")
            lines.append("👨‍⚕️ Dr. \(notice.doctor.displayName)" + (notice.doctor.specialty.map { " — \($0)" } ?? ""))
            lines.append("📍 \(notice.center.name) (\(notice.center.isOnline ? "online visit" : "in person"))")
            lines.append("")
            var dates = DateCache(language: .english)
            for slot in listed {
                lines.append("• \(dates.longDate(slot.start)), \(Self.time(slot.start, language: .english))")
            }
            if remaining > 0 { lines.append("… and \(remaining) more") }
            lines.append("")
            lines.append("Slots go fast: book with the button below.")
        }
        return lines.joined(separator: "\n")
    }

    /// `15:00` / `۱۵:۰۰`: the Tehran time of day, by arithmetic rather than a `Calendar` per slot.
    static func time(_ date: Date, language: Language) -> String {
        let text = TehranTime.hourMinute(date)
        return language == .persian ? PersianDigits.persianize(text) : text
    }

    /// The Jalali date of each Tehran day a message lists, computed once per day.
    struct DateCache {
        let language: Language
        var byDay: [Int: String] = [:]

        mutating func longDate(_ date: Date) -> String {
            let day = TehranTime.dayKey(date)
            if let text = byDay[day] { return text }
            let text = JalaliCalendar.longDate(date, language: language)
            byDay[day] = text
            return text
        }
    }

    /// The label of the booking button.
    public func buttonLabel(language: Language) -> String {
        language == .persian ? "رزرو در پذیرش۲۴" : "Book on paziresh24"
    }
}
