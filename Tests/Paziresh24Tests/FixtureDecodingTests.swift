import CivilTime
import Foundation
import StandIns
import Testing

@testable import Paziresh24

/// Every recorded answer decodes into what SlotHunter needs.
@Suite struct FixtureDecodingTests {
    @Test func freeDaysSlotsOnTheRecordingDayAreFifteenHundredOnwards() throws {
        let answer = try FreeSlotsAnswer.decode(Paziresh24Fixture.freeDaysSlots.data)
        #expect(answer.status == 1)
        let recordingDay = try #require(TehranTime.startOfDay(dateString: "2026-10-06"))
        let onDay = answer.slots.filter { TehranTime.startOfDay($0.start) == recordingDay }
        #expect(onDay.map(\.tehranStartTime) == ["15:00", "15:10", "15:20", "15:30"])
        #expect(onDay.allSatisfy { $0.end.timeIntervalSince($0.start) == 600 })
        #expect(onDay.first?.startUnixSeconds == 1_791_286_200)
    }

    @Test func freeDaysSlotsListsEveryDayOfResultAndTheCalendar() throws {
        let answer = try FreeSlotsAnswer.decode(Paziresh24Fixture.freeDaysSlots.data)
        #expect(answer.slots.count == 12)
        #expect(answer.slots == answer.slots.sorted())
        #expect(Set(answer.slots.map { TehranTime.dateString($0.start) }) == ["2026-10-06", "2026-10-07", "2026-10-10"])
        #expect(answer.freeDays.count == 7)
        #expect(answer.freeDays.first == Date(timeIntervalSince1970: 1_791_232_200))
        #expect(answer.nonWorkdays == [4, 5])
    }

    @Test func freeDaysSlotsHasFourFreeDaysWithoutTimes() throws {
        let answer = try FreeSlotsAnswer.decode(Paziresh24Fixture.freeDaysSlots.data)
        #expect(answer.freeDaysWithoutTimes.map(TehranTime.dateString) == ["2026-10-11", "2026-10-12", "2026-10-13", "2026-10-14"])
        #expect(answer.freeDaysWithoutTimes.allSatisfy { TehranTime.startOfDay($0) == $0 })
        #expect(FreeSlotsAnswer(status: 32, slots: []).freeDaysWithoutTimes.isEmpty)
    }

    @Test func calendarOnlyAnswerHasDaysButNoSlots() throws {
        let answer = try FreeSlotsAnswer.decode(Paziresh24Fixture.freeDaysCalendar.data)
        #expect(answer.status == 1)
        #expect(answer.slots.isEmpty)
        #expect(answer.freeDays.count == 43)
        #expect(answer.freeDays.first.map(TehranTime.dateString) == "2026-10-06")
        #expect(answer.freeDays.last.map(TehranTime.dateString) == "2026-12-05")
    }

    @Test func fullProfileResolvesEveryCenterAndBookableService() throws {
        let profile = try DoctorProfile.decodeFullProfile(Paziresh24Fixture.fullProfile.data)
        #expect(profile.id == "8183cbd6-5413-4f4d-b2c7-be64b0ac87f1")
        #expect(profile.slug == Paziresh24Fixture.recordedSlug)
        #expect(profile.displayName == "هدیه جباری")
        #expect(profile.specialty == "متخصص بیماریهای قلب و عروق")
        // The search route of the recorded answer in search_consult.json: /seapi/v1/search/tehran/cardiovascular.
        #expect(profile.citySlug == "tehran")
        #expect(profile.specialtySlug == "cardiovascular")
        #expect(profile.imageURL == "/getImage/p24/search-women/09a0254a0c15b407e85c16452bb4595f.jpg")
        #expect(profile.centers.map(\.id) == [Paziresh24Fixture.officeCenterId, "5532"])

        let office = profile.centers[0]
        #expect(office.name == "مطب دکتر هدیه جباری")
        #expect(office.userCenterId == Paziresh24Fixture.officeUserCenterId)
        #expect(office.serverId == "1")
        #expect(!office.isOnlineVisit)
        #expect(office.city == "تهران")
        #expect(
            office.services == [
                DoctorService(id: Paziresh24Fixture.officeServiceId, name: "ویزیت", canBook: true, durationMinutes: 20)
            ])

        let online = profile.centers[1]
        #expect(online.isOnlineVisit)
        #expect(online.name == "ویزیت آنلاین پذیرش24")
        #expect(online.userCenterId == Paziresh24Fixture.onlineUserCenterId)
        #expect(online.services.first?.name == "دکتر هدیه جباری - واتساپ")
        #expect(online.services.first?.durationMinutes == 10)
        // `free_price` in Rial: 5,000,000 for the online service, 0 (no price) for the office's.
        #expect(online.services.first?.freePriceRial == 5_000_000)
        #expect(office.services.first?.freePriceRial == nil)

        #expect(
            profile.bookableTargets.map(\.id) == [
                "\(Paziresh24Fixture.officeCenterId):\(Paziresh24Fixture.officeServiceId)",
                "5532:\(Paziresh24Fixture.onlineServiceId)",
            ])
        #expect(profile.bookableTargets[1].query == TestSetup.query)
        #expect(profile.bookingURL.absoluteString.hasPrefix("https://www.paziresh24.com/dr/%D8%AF%DA%A9"))
    }

    @Test func unknownSlugAnswerMeansDoctorNotFound() {
        #expect(throws: Paziresh24Error(.doctorNotFound, serverMessage: "درخواست شما با موفقیت انجام شد")) {
            try DoctorProfile.decodeFullProfile(Paziresh24Fixture.center404.data)
        }
    }

    @Test func availabilityAndProvenanceAreBundled() throws {
        let availability = try JSONSerialization.jsonObject(with: Paziresh24Fixture.availability.data) as? [String: Any]
        #expect((availability?["centers"] as? [Any])?.count == 2)
        #expect(Paziresh24Fixture.provenance.contains("sepehr071/paziresh24-mcp"))
    }
}
