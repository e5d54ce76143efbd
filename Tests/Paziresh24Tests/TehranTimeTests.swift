import Foundation
import Testing

@testable import Paziresh24

@Suite struct TehranTimeTests {
    @Test func rendersHourMinuteAtFixedOffset() {
        let slot = Date(timeIntervalSince1970: 1_791_286_200)  // 2026-10-06 15:00 Tehran
        #expect(TehranTime.hourMinute(slot) == "15:00")
        #expect(TehranTime.dateString(slot) == "2026-10-06")
        #expect(TehranTime.hourMinute(Date(timeIntervalSince1970: 1_791_232_200)) == "00:00")
    }

    @Test func dayStartIsThePaziresh24DayKey() {
        let slot = Date(timeIntervalSince1970: 1_791_286_200)
        #expect(TehranTime.dayKey(slot) == 1_791_232_200)
        #expect(TehranTime.startOfDay(slot) == Date(timeIntervalSince1970: 1_791_232_200))
        // One second before midnight belongs to the previous day.
        #expect(TehranTime.dayKey(Date(timeIntervalSince1970: 1_791_232_199)) == 1_791_145_800)
        #expect(TehranTime.startOfDay(dateString: "2026-10-06") == Date(timeIntervalSince1970: 1_791_232_200))
        #expect(TehranTime.startOfDay(dateString: "2026-02-30") == nil)
    }

    @Test func noDaylightSavingInSummer() {
        // 2026-06-21 12:00 UTC is 15:30 in Tehran (it would be 16:30 under the pre-2022 DST rules).
        let summer = Date(timeIntervalSince1970: 1_782_043_200)
        #expect(TehranTime.hourMinute(summer) == "15:30")
    }

    @Test func weekdayMatchesJavaScriptNumbering() {
        // 2026-10-06 is a Tuesday (2); the recording's non_workdays "4,5" are Thursday and Friday.
        #expect(TehranTime.weekday(Date(timeIntervalSince1970: 1_791_286_200)) == 2)
        #expect(TehranTime.weekday(Date(timeIntervalSince1970: 1_791_232_200 + 2 * 86_400)) == 4)
    }
}
