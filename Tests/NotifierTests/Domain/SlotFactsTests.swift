import CivilTime
import Foundation
import Localization
import Messaging
import NotifierAdapters
import NotifierDomain
import Testing

/// The filters' arithmetic view of a slot agrees with the calendars it replaces on the hot path.
@Suite("SlotFacts and message times")
struct SlotFactsTests {
    @Test("Tehran hour and weekday by arithmetic match TehranClock for two years of instants")
    func agreesWithTehranClock() {
        var instant = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01 UTC
        for _ in 0..<(2 * 365 * 24 * 60 / 37) {
            let facts = SlotFacts(start: instant, isOnline: false)
            #expect(facts.hour == TehranTime.hour(instant), "\(instant)")
            #expect(facts.weekday == TehranTime.weekday(instant), "\(instant)")
            instant.addTimeInterval(37 * 60)
        }
    }

    @Test("message lines match JalaliCalendar's dates and times")
    func messageLinesMatchCalendar() {
        let composer = NoticeComposer()
        var start = Date(timeIntervalSince1970: 1_767_225_600)
        for _ in 0..<200 {
            let notice = Notice(
                chatId: 1, language: .persian, targetId: "t", doctor: Doctor(slug: "d", displayName: "د", specialty: nil),
                center: Center(name: "c", isOnline: false), bookingURL: "https://www.paziresh24.com/dr/d/",
                slots: [SlotPeriod(start: start, end: start + 600)], observedAt: start)
            let expected = "• \(JalaliCalendar.longDate(start, language: .persian))، ساعت \(JalaliCalendar.time(start, language: .persian))"
            #expect(composer.text(for: notice).contains(expected), "\(start)")
            start.addTimeInterval(3 * 86_400 + 7 * 60 + 13)
        }
    }
}
