import Foundation
import HTTPServer
import StandIns
import Testing

/// Scenario mode: synthetic doctors and slots that appear and vanish, in the recorded shapes.
@Suite struct Paziresh24StandInScenarioTests {
    typealias R = Paziresh24Requests
    static let start = Date(timeIntervalSince1970: 1_791_270_000)  // 2026-10-06 10:30 Tehran
    let clock = Paziresh24TestClock(start)
    let standIn: Paziresh24StandIn

    init() {
        let clock = self.clock
        standIn = Paziresh24StandIn(now: { clock.now })
    }

    static let doctorJSON = """
        {"slug": "dr-test-1", "name": "سارا", "family": "آزمایشی", "specialty": "متخصص قلب",
         "centers": [
           {"id": "c-1", "name": "مطب", "user_center_id": "uc-1", "server_id": 1, "city": "تهران",
            "services": [{"id": "s-1", "name": "ویزیت", "can_booking": 1, "duration": "00:15:00"},
                         {"id": "s-2", "name": "مشاوره", "can_booking": 0}]},
           {"id": "5532", "user_center_id": "uc-online", "services": [{"id": "s-online", "name": "واتساپ"}]}]}
        """

    private func register() async -> HTTPResponse {
        await standIn.handle(R.control("POST", "/control/doctors", json: Self.doctorJSON))
    }

    private func freeDays(_ center: String, _ service: String, _ userCenter: String, calendarOnly: Bool = false) async -> [String: Any] {
        let extra = calendarOnly ? [("return_free_turns", "false")] : []
        let response = await standIn.handle(R.freeDays(R.form(center: center, service: service, userCenter: userCenter, extra: extra)))
        #expect(response.status == 200)
        return R.object(response.body)
    }

    @Test func registeringADoctorServesItsProfileInTheRecordedShape() async throws {
        let registered = await register()
        #expect(registered.status == 200)
        let targets = (R.object(registered.body)["doctors"] as? [[String: Any]])?.first?["targets"] as? [[String: Any]]
        #expect(targets?.compactMap { $0["target"] as? String } == ["c-1:s-1", "c-1:s-2", "5532:s-online"])

        let response = await standIn.handle(R.get("/api/full-profile/dr-test-1/"))
        #expect(response.status == 200)
        let generated = R.object(response.body)
        let recorded = R.object(Array(Paziresh24Fixture.fullProfile.data))
        #expect(R.shapeMismatch(generated, recorded) == nil)
        #expect(generated.keys.sorted() == recorded.keys.sorted())
        let data = try #require(generated["data"] as? [String: Any])
        let recordedData = try #require(recorded["data"] as? [String: Any])
        #expect(data.keys.sorted() == recordedData.keys.sorted())
        #expect(data["slug"] as? String == "dr-test-1")
        #expect(data["display_name"] as? String == "سارا آزمایشی")
        #expect((data["expertises"] as? [[String: Any]])?.first?["alias_title"] as? String == "متخصص قلب")
        let centers = try #require(data["centers"] as? [[String: Any]])
        let recordedCenters = try #require(recordedData["centers"] as? [[String: Any]])
        #expect(centers.map { $0["id"] as? String } == ["c-1", "5532"])
        #expect(centers.map { Set($0.keys) } == recordedCenters.map { Set($0.keys) })
        #expect(centers[1]["center_type"] as? Int == 3)
        let services = try #require(centers[0]["services"] as? [[String: Any]])
        #expect(services.map { $0["can_booking"] as? Int } == [1, 0])
        #expect(services.map { $0["user_center_id"] as? String } == ["uc-1", "uc-1"])
        #expect(Set(services[0].keys) == Set(((recordedCenters[0]["services"] as? [[String: Any]])?.first ?? [:]).keys))
    }

    @Test func generatedSlotAnswersHaveExactlyTheRecordedShape() async throws {
        _ = await register()
        let day = 1_791_232_200  // 2026-10-06 00:00 Tehran
        let morning = day + 11 * 3600
        standIn.setSlots(.init(centerId: "c-1", serviceId: "s-1", starts: [morning + 900, morning, day + 86_400 + 15 * 3600]))
        let answer = await freeDays("c-1", "s-1", "uc-1")
        #expect(R.shapeMismatch(answer, R.object(Array(Paziresh24Fixture.freeDaysSlots.data))) == nil)
        #expect(answer["status"] as? Int == 1)
        #expect(answer["message"] as? String == "درخواست شما با موفقیت انجام شد")

        let result = try #require(answer["result"] as? [String: Any])
        #expect(result.keys.sorted() == [String(day), String(day + 86_400)])
        let shift = try #require((result[String(day)] as? [[String: Any]])?.first)
        #expect(shift["from"] as? Int == morning)
        #expect((shift["turns"] as? [String: Any])?.keys.sorted() == [String(morning), String(morning + 900)])
        #expect(shift["slice"] as? Int == 900)  // the service's duration 00:15:00
        let info = try #require(shift["workhour_info"] as? [String: Any])
        #expect(info["myself_from"] as? String == "11:00:00.0000")
        #expect(info["myself_to"] as? String == "11:30:00.0000")
        let calendar = try #require(answer["calendar"] as? [String: Any])
        #expect(calendar["turns"] as? [Int] == [day, day + 86_400])
        #expect(calendar["today_time"] as? String == "2026-10-06T10:30:00+03:30")
        #expect(calendar["start_date"] as? String == "2026-10-06")

        let calendarOnly = await freeDays("c-1", "s-1", "uc-1", calendarOnly: true)
        #expect((calendarOnly["result"] as? [Any])?.isEmpty == true)
        #expect(R.shapeMismatch(calendarOnly, R.object(Array(Paziresh24Fixture.freeDaysCalendar.data))) == nil)
    }

    @Test func slotsAppearAndVanishOverTime() async {
        _ = await register()
        let now = Int(Self.start.timeIntervalSince1970)
        let slot = now + 7200
        standIn.setSlots(
            .init(
                centerId: "c-1", serviceId: "s-1",
                slots: [.init(start: slot, visibleFrom: now + 60, visibleUntil: now + 120), .init(start: slot + 900)]))
        func turns() async -> [String] {
            let answer = await freeDays("c-1", "s-1", "uc-1")
            let result = answer["result"] as? [String: Any] ?? [:]
            return result.values.flatMap { ($0 as? [[String: Any]] ?? []).flatMap { ($0["turns"] as? [String: Any] ?? [:]).keys } }.sorted()
        }
        #expect(await turns() == [String(slot + 900)])
        clock.set(Self.start.addingTimeInterval(60))
        #expect(await turns() == [String(slot), String(slot + 900)])
        clock.set(Self.start.addingTimeInterval(120))
        #expect(await turns() == [String(slot + 900)])

        standIn.setSlots(.init(centerId: "c-1", serviceId: "s-1", slots: [.init(start: slot + 900)], mode: .remove))
        #expect(await freeDays("c-1", "s-1", "uc-1")["status"] as? Int == 32)
        standIn.setSlots(.init(centerId: "c-1", serviceId: "s-1", slots: [.init(start: slot)], mode: .add))
        #expect(await turns() == [String(slot)])
    }

    @Test func registeredTargetsWithoutSlotsAnswer32AndNonBookableOnes700() async {
        _ = await register()
        #expect(await freeDays("c-1", "s-1", "uc-1")["status"] as? Int == 32)
        #expect(await freeDays("5532", "s-online", "uc-online")["status"] as? Int == 32)
        #expect(await freeDays("c-1", "s-2", "uc-1")["status"] as? Int == 700)
        #expect(await freeDays("c-1", "s-1", "uc-wrong")["status"] as? Int == 700)
    }

    @Test func aTargetCanBeMadeToAnswerAnyStatus() async {
        _ = await register()
        standIn.setSlots(.init(centerId: "c-1", serviceId: "s-1", slots: [], status: 700))
        #expect(await freeDays("c-1", "s-1", "uc-1")["status"] as? Int == 700)
        standIn.setSlots(.init(centerId: "c-1", serviceId: "s-1", slots: [], status: 3, message: "bad terminal"))
        let refused = await freeDays("c-1", "s-1", "uc-1")
        #expect(refused["status"] as? Int == 3 && refused["message"] as? String == "bad terminal")
    }

    @Test func theRecordedTargetCanBeTakenOverAndResetRestoresRecordings() async throws {
        let start = Int(Self.start.timeIntervalSince1970) + 3600
        let body =
            #"{"center_id": 5532, "service_id": "\#(Paziresh24Fixture.onlineServiceId)", "slots": [\#(start), {"start": \#(start + 600)}], "slice": 600}"#
        let set = await standIn.handle(R.control("POST", "/control/slots", json: body))
        #expect(set.status == 200)
        let answer = await standIn.handle(R.freeDays(R.onlineForm))
        #expect(Data(answer.body) != Paziresh24Fixture.freeDaysSlots.data)
        #expect(((R.object(answer.body)["calendar"] as? [String: Any])?["turns"] as? [Any])?.count == 1)

        #expect(await standIn.handle(R.control("POST", "/control/reset")).status == 200)
        #expect(Data(await standIn.handle(R.freeDays(R.onlineForm)).body) == Paziresh24Fixture.freeDaysSlots.data)
        #expect(standIn.requests().count == 1)
    }

    @Test func availabilityOfASyntheticDoctorFollowsItsSlots() async throws {
        _ = await register()
        let start = Int(Self.start.timeIntervalSince1970) + 3600
        standIn.setSlots(.init(centerId: "5532", serviceId: "s-online", starts: [start]))
        let response = await standIn.handle(R.get("/v1/doctors/dr-test-1/availability-status"))
        let body = R.object(response.body)
        #expect(R.shapeMismatch(body, R.object(Array(Paziresh24Fixture.availability.data))) == nil)
        #expect((body["online_visit_availability"] as? [String: Any])?["booking_available"] as? Bool == true)
        #expect((body["in_person_availability"] as? [String: Any])?["booking_available"] as? Bool == false)
    }

    @Test func badControlBodiesAre400() async {
        #expect(await standIn.handle(R.control("POST", "/control/doctors", json: "{}")).status == 400)
        #expect(await standIn.handle(R.control("POST", "/control/slots", json: "[1,2]")).status == 400)
        #expect(await standIn.handle(R.control("POST", "/control/faults", json: #"{"faults":[{"kind":"explode"}]}"#)).status == 400)
        #expect(await standIn.handle(R.control("GET", "/control/nope")).status == 404)
    }
}
