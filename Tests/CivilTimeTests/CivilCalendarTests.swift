import CivilTime
import Foundation
import Testing

/// Day-count arithmetic and the UTC RFC 3339 form shared by messages, logs and PostgreSQL.
@Suite("CivilCalendar")
struct CivilCalendarTests {
    @Test("day counts agree with Foundation's Gregorian calendar from 1614 to 4707")
    func matchesFoundation() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var day: Int64 = -130_000  // Foundation's Gregorian calendar is Julian before 1582
        while day < 1_000_000 {
            let parts = calendar.dateComponents([.year, .month, .day], from: Date(timeIntervalSince1970: Double(day) * 86_400))
            let civil = CivilCalendar.civil(fromDays: day)
            #expect(civil.year == Int64(parts.year!) && civil.month == Int64(parts.month!) && civil.day == Int64(parts.day!), "\(day)")
            day += 997
        }
    }

    @Test("days and dates convert back and forth across eras, BC included")
    func roundTrips() {
        for days in stride(from: Int64(-800_000), through: 800_000, by: 997) {
            let (year, month, day) = CivilCalendar.civil(fromDays: days)
            #expect(CivilCalendar.days(fromCivil: year, month, day) == days)
            #expect((1...CivilCalendar.daysIn(month: month, year: year)).contains(day))
        }
        #expect(CivilCalendar.days(fromCivil: 2000, 2, 29) == 11_016)
        #expect(CivilCalendar.days(fromCivil: 1970, 1, 1) == 0)
        #expect(CivilCalendar.isLeapYear(2000) && !CivilCalendar.isLeapYear(1900) && CivilCalendar.isLeapYear(2024))
    }

    @Test("floor division keeps the remainder non-negative")
    func floorDivision() {
        #expect(CivilCalendar.floorDivide(7, 3) == (2, 1))
        #expect(CivilCalendar.floorDivide(-7, 3) == (-3, 2))
        #expect(CivilCalendar.floorDivide(-6, 3) == (-2, 0))
    }

    @Test("RFC 3339 in UTC with milliseconds, rounded to the nearest")
    func rfc3339() {
        #expect(CivilCalendar.rfc3339Milliseconds(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(CivilCalendar.rfc3339Milliseconds(Date(timeIntervalSince1970: 951_782_400.999)) == "2000-02-29T00:00:00.999Z")
        #expect(CivilCalendar.rfc3339Milliseconds(Date(timeIntervalSince1970: -0.001)) == "1969-12-31T23:59:59.999Z")
        #expect(CivilCalendar.rfc3339Milliseconds(Date(timeIntervalSince1970: 1_709_164_799.5)) == "2024-02-28T23:59:59.500Z")
        #expect(CivilCalendar.rfc3339Milliseconds(Date(timeIntervalSince1970: 1_791_286_200.08)) == "2026-10-06T11:30:00.080Z")
        #expect(CivilCalendar.rfc3339Milliseconds(Date(timeIntervalSince1970: 951_868_799.9996)) == "2000-03-01T00:00:00.000Z")
    }
}
