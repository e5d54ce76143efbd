import Foundation
import Testing

import CivilTime

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

/// The arithmetic against Foundation's calendar in the same fixed zone, over many instants.
@Suite struct TehranTimeAgreementTests {
    @Test func agreesWithFoundationOnRandomInstants() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 12_600)!
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let date = Date(timeIntervalSince1970: Double(Int64.random(in: -1_000_000_000...5_000_000_000, using: &generator)) + 0.5)
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: date)
            #expect(TehranTime.dateString(date) == String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!), "\(date)")
            #expect(TehranTime.hourMinute(date) == String(format: "%02d:%02d", c.hour!, c.minute!), "\(date)")
            #expect(TehranTime.hour(date) == c.hour!)
            #expect(TehranTime.weekday(date) == c.weekday! - 1)
            #expect(TehranTime.startOfDay(date) == calendar.startOfDay(for: date))
            #expect(TehranTime.startOfDay(dateString: TehranTime.dateString(date)) == calendar.startOfDay(for: date))
        }
    }
}
