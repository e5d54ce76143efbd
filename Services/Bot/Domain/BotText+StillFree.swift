import CivilTime
import Foundation
import Localization
import UserTexts

/// The answer to a notice's "🔄 still free?" button (words: `SlotStateMessage`), fitted to the
/// 200-character dialog.
extension BotText {
    /// Telegram's limit on an `answerCallbackQuery` text, in characters (counted here in UTF-16
    /// code units, which is never fewer).
    public static let maxCallbackAnswerLength = 200

    /// The answer to "still free?": one short line per slot, earliest first, cut with "…" to fit
    /// `maxCallbackAnswerLength`; times in Tehran (Persian digits in Persian). No slots: expired.
    public func stillFree(_ slots: [(slot: NoticeSlot, state: SlotFreshness)], now: Date) -> String {
        guard !slots.isEmpty else { return expired }
        let lines = slots.map { say(SlotStateMessage.line(slot: slotLabel($0.slot, now: now), state: stateText($0.state, now: now))) }
        var text = ""
        for (index, line) in lines.enumerated() {
            let candidate = text.isEmpty ? line : text + "\n" + line
            let last = index == lines.count - 1
            // Keep room for a closing "…" unless this is the last line.
            if candidate.utf16.count <= Self.maxCallbackAnswerLength - (last ? 0 : 2) {
                text = candidate
                continue
            }
            let room = Self.maxCallbackAnswerLength - text.utf16.count - (text.isEmpty ? 1 : 2)
            let head = text.isEmpty ? "" : text + "\n"
            return head + Self.prefix(line, utf16: max(0, room)) + "…"
        }
        return text
    }

    /// `۱۴ مهر ۱۵:۰۰` / `14 Mehr 15:00` (a free day: its date alone), the year left out.
    public func slotLabel(_ slot: NoticeSlot, now: Date) -> String {
        let date = dayMonth(slot.start)
        return slot.isDay ? date : "\(date) \(JalaliCalendar.time(slot.start, language: language))"
    }

    /// One state, as short as the 200-character dialog needs.
    public func stateText(_ state: SlotFreshness, now: Date) -> String {
        switch state {
        case .taken(let at): say(SlotStateMessage.taken(at: moment(at, now: now)))
        case .passed: say(SlotStateMessage.passed)
        case .free(let at): say(SlotStateMessage.free(at: moment(at, now: now)))
        case .unknown(let since): say(SlotStateMessage.unknown(since: moment(since, now: now)))
        }
    }

    /// A Tehran time of day, with its date when it is not today's.
    public func moment(_ date: Date, now: Date) -> String {
        TehranTime.dayKey(date) == TehranTime.dayKey(now)
            ? JalaliCalendar.time(date, language: language) : "\(dayMonth(date)) \(JalaliCalendar.time(date, language: language))"
    }

    private func dayMonth(_ date: Date) -> String {
        let jalali = JalaliCalendar.components(date)
        let months = language == .persian ? JalaliCalendar.persianMonths : JalaliCalendar.englishMonths
        return "\(JalaliCalendar.number(jalali.day, language: language)) \(months[jalali.month - 1])"
    }

    /// The longest prefix of `text` (on a character boundary) of at most `utf16` code units.
    private static func prefix(_ text: String, utf16 limit: Int) -> String {
        var result = ""
        for character in text {
            guard result.utf16.count + character.utf16.count <= limit else { break }
            result.append(character)
        }
        return result
    }
}
