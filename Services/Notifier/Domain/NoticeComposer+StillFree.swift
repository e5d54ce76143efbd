import CivilTime
import Foundation
import Localization
import UserTexts

// MARK: - The found time, the online price and the "still free?" button (words: `NoticeMessage`)

extension NoticeComposer {
    /// `🕒 پیدا شده: امروز ساعت ۲۱:۳۰` / `🕒 Found: today 21:30`: the Tehran time the scraper saw the
    /// notice's slots (`Notice.observedAt`, the earliest `observed_at` of its new slots — the start of
    /// the latency clock, so the line never claims a slot is fresher than it is). A time on another
    /// Tehran day than `now` carries its Jalali date instead of "today".
    func foundLine(_ notice: Notice, language: Language, now: Date) -> String {
        let found = notice.observedAt
        let time = JalaliCalendar.time(found, language: language)
        let sameDay = TehranTime.dayKey(found) == TehranTime.dayKey(now)
        let date = sameDay ? nil : JalaliCalendar.longDate(found, language: language)
        return NoticeMessage.foundAt(time: time, date: date).text(language)
    }

    /// `💳 ویزیت آنلاین: ۸۰٬۰۰۰ تومان` / `💳 Online visit: 80,000 Toman` (Toman = Rial / 10), or nil
    /// when the price is unknown.
    func priceLine(_ notice: Notice, language: Language) -> String? {
        guard let rial = notice.onlinePriceRial, rial > 0 else { return nil }
        return NoticeMessage.onlinePrice(toman: Self.grouped(rial / 10, language: language)).text(language)
    }

    /// `80,000` / `۸۰٬۰۰۰`: thousands grouped by hand (no locale-dependent formatter), with the
    /// Arabic thousands separator `٬` in Persian.
    static func grouped(_ value: Int64, language: Language) -> String {
        let digits = String(value.magnitude)
        var groups: [Substring] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(digits[start..<end], at: 0)
            end = start
        }
        let sign = value < 0 ? "-" : ""
        switch language {
        case .persian: return sign + PersianDigits.persianize(groups.joined(separator: "٬"))
        case .english: return sign + groups.joined(separator: ",")
        }
    }

    /// The label of the "still free?" button.
    public func stillFreeLabel(language: Language) -> String {
        NoticeMessage.stillFreeButton.text(language)
    }

    /// The `callback_data` of the "still free?" button: `still:<start of the notice's first slot,
    /// milliseconds since 1970>`. The bot (`CallbackData.stillFree`) finds the notice's ledger rows by
    /// the chat and the message the button is on, and by this start only should the message id not
    /// be recorded yet. The format is pinned by a test on each side (`NoticeComposerTests`,
    /// `CallbackDataTests`); at most 6 + 20 bytes, well inside Telegram's 64.
    public func stillFreeCallbackData(for notice: Notice) -> String {
        let start = notice.slots.first?.start ?? notice.observedAt
        return "still:\(LedgerKey.milliseconds(start))"
    }
}
