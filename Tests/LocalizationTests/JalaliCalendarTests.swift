import Foundation
import Localization
import Testing

@Suite("JalaliCalendar")
struct JalaliCalendarTests {
    // 2026-10-06 15:00 Tehran (11:30 UTC): 14 Mehr 1405, a Tuesday — the recorded slot.
    let slot = Date(timeIntervalSince1970: 1_791_286_200)

    @Test("the recorded slot is Tuesday 14 Mehr 1405, 15:00 Tehran")
    func recordedSlot() {
        #expect(JalaliCalendar.components(slot) == (1405, 7, 14))
        #expect(JalaliCalendar.longDate(slot, language: .persian) == "سه‌شنبه ۱۴ مهر ۱۴۰۵")
        #expect(JalaliCalendar.longDate(slot, language: .english) == "Tuesday 14 Mehr 1405")
        #expect(JalaliCalendar.time(slot, language: .persian) == "۱۵:۰۰")
        #expect(JalaliCalendar.shortDate(slot, language: .english) == "1405/07/14")
    }

    @Test("Nowruz: 1 Farvardin 1405 is 2026-03-21")
    func nowruz() {
        let date = Date(timeIntervalSince1970: 1_774_038_600)  // 2026-03-21 00:00 Tehran
        #expect(JalaliCalendar.components(date) == (1405, 1, 1))
    }

    @Test("midnight Tehran belongs to the Tehran day, not the UTC one")
    func dayBoundary() {
        let justAfterMidnight = Date(timeIntervalSince1970: 1_791_232_200 + 60)  // 2026-10-06 00:01 Tehran = 10-05 20:31 UTC
        #expect(JalaliCalendar.components(justAfterMidnight).day == 14)
    }

    @Test("digits convert both ways")
    func digits() {
        #expect(PersianDigits.persianize("15:30 1405") == "۱۵:۳۰ ۱۴۰۵")
        #expect(PersianDigits.asciify("۱۲٣") == "123")
    }

    @Test("language falls back to Persian unless the client says English")
    func language() {
        #expect(Language.from(languageCode: "en-US") == .english)
        #expect(Language.from(languageCode: "fa") == .persian)
        #expect(Language.from(languageCode: "de") == .persian)
        #expect(Language.from(languageCode: nil) == .persian)
    }
}
