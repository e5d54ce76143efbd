import CivilTime
import Foundation
import Localization
import UserTexts

/// Writes the Telegram message of a notice: in Persian (or English), Jalali dates, Tehran times,
/// at most `maxListed` slots and "and N more", when the slots were found and the online price
/// when known, with a button that opens the booking page and one that asks "still free?". The
/// words are `NoticeMessage` keys of `UserTexts`; this type decides only the layout.
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
        func say(_ message: NoticeMessage) -> String { message.text(language) }
        var lines: [String] = []
        lines.append(say(.found))
        lines.append(say(.doctor(name: notice.doctor.displayName, specialty: notice.doctor.specialty)))
        lines.append(say(.center(name: notice.center.name, isOnline: notice.center.isOnline)))
        if let price = priceLine(notice, language: language) { lines.append(price) }
        lines.append("")
        for slot in listedFresh { lines.append(line(slot, language: language, dates: &dates)) }
        if !listedStillFree.isEmpty {
            if !listedFresh.isEmpty { lines.append("") }
            lines.append(say(.stillFreeHeading))
            for slot in listedStillFree { lines.append(line(slot, language: language, dates: &dates)) }
        }
        if remaining > 0 { lines.append(say(.more(remaining))) }
        lines.append(foundLine(notice, language: language, now: now))
        lines.append("")
        lines.append(say(.bookingHint))
        return lines.joined(separator: "\n")
    }

    /// One listed slot: `• <Jalali date>, <time>`, or for a free day known without times
    /// `• a free slot on <Jalali date>; see the times on the site`.
    func line(_ slot: SlotPeriod, language: Language, dates: inout DateCache) -> String {
        let date = dates.longDate(slot.start)
        switch slot.granularity {
        case .time: return NoticeMessage.slotAtTime(date: date, time: JalaliCalendar.time(slot.start, language: language)).text(language)
        case .day: return NoticeMessage.slotOnDay(date: date).text(language)
        }
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
        NoticeMessage.bookButton.text(language)
    }
}
