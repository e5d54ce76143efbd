import CivilTime
import Foundation
import Localization

/// Writes the Telegram message of a notice: in Persian (or English), Jalali dates, Tehran times,
/// at most `maxListed` slots and "and N more", when the slots were found and the online price
/// when known, with a button that opens the booking page and one that asks "still free?".
public struct NoticeComposer: Sendable {
    /// How many slots a message lists before "and N more".
    public var maxListed: Int

    /// Creates a composer.
    public init(maxListed: Int = 10) {
        self.maxListed = maxListed
    }

    /// The text of the message (plain text, no parse mode: doctor names are not escaped for HTML).
    /// New slots come first; slots held back earlier by the per-user limit and offered now follow
    /// under "still free"; a free day known without times reads "a free slot on <date>; see the
    /// times on the site". `now` (the time of sending) decides whether the found time reads
    /// "today" or carries its date.
    public func text(for notice: Notice, now: Date = Date()) -> String {
        let language = notice.language
        let fresh = notice.slots.filter { !$0.isStillFree }
        let stillFree = notice.slots.filter(\.isStillFree)
        let listedFresh = fresh.prefix(maxListed)
        let listedStillFree = stillFree.prefix(max(0, maxListed - listedFresh.count))
        let remaining = notice.slots.count - listedFresh.count - listedStillFree.count
        var dates = DateCache(language: language)
        var lines: [String] = []
        switch language {
        case .persian:
            lines.append("🔔 نوبت خالی پیدا شد!")
            lines.append("👨‍⚕️ دکتر \(notice.doctor.displayName)" + (notice.doctor.specialty.map { " — \($0)" } ?? ""))
            lines.append("📍 \(notice.center.name) (\(notice.center.isOnline ? "ویزیت آنلاین" : "حضوری"))")
            if let price = priceLine(notice, language: .persian) { lines.append(price) }
            lines.append("")
            for slot in listedFresh { lines.append(line(slot, language: .persian, dates: &dates)) }
            if !listedStillFree.isEmpty {
                if !listedFresh.isEmpty { lines.append("") }
                lines.append("⏳ هنوز آزاد است:")
                for slot in listedStillFree { lines.append(line(slot, language: .persian, dates: &dates)) }
            }
            if remaining > 0 { lines.append("… و \(JalaliCalendar.number(remaining, language: .persian)) نوبت دیگر") }
            lines.append(foundLine(notice, language: .persian, now: now))
            lines.append("")
            lines.append("نوبت‌ها زود پر می‌شوند؛ برای رزرو از دکمهٔ زیر استفاده کنید.")
        case .english:
            lines.append("🔔 Free slot found!")
            lines.append("👨‍⚕️ Dr. \(notice.doctor.displayName)" + (notice.doctor.specialty.map { " — \($0)" } ?? ""))
            lines.append("📍 \(notice.center.name) (\(notice.center.isOnline ? "online visit" : "in person"))")
            if let price = priceLine(notice, language: .english) { lines.append(price) }
            lines.append("")
            for slot in listedFresh { lines.append(line(slot, language: .english, dates: &dates)) }
            if !listedStillFree.isEmpty {
                if !listedFresh.isEmpty { lines.append("") }
                lines.append("⏳ Still free:")
                for slot in listedStillFree { lines.append(line(slot, language: .english, dates: &dates)) }
            }
            if remaining > 0 { lines.append("… and \(remaining) more") }
            lines.append(foundLine(notice, language: .english, now: now))
            lines.append("")
            lines.append("Slots go fast: book with the button below.")
        }
        return lines.joined(separator: "\n")
    }

    /// One listed slot: `• <Jalali date>, <time>`, or for a free day known without times
    /// `• a free slot on <Jalali date>; see the times on the site`.
    func line(_ slot: SlotPeriod, language: Language, dates: inout DateCache) -> String {
        let date = dates.longDate(slot.start)
        switch (language, slot.granularity) {
        case (.persian, .time): return "• \(date)، ساعت \(Self.time(slot.start, language: .persian))"
        case (.persian, .day): return "• نوبت خالی در روز \(date) — ساعت‌ها را در سایت ببینید"
        case (.english, .time): return "• \(date), \(Self.time(slot.start, language: .english))"
        case (.english, .day): return "• a free slot on \(date); see the times on the site"
        }
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
