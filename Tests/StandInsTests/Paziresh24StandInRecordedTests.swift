import Foundation
import HTTPServer
import StandIns
import Testing

/// Default mode: the recordings, served as recorded, and the request checks.
@Suite struct Paziresh24StandInRecordedTests {
    let standIn = Paziresh24StandIn()
    typealias R = Paziresh24Requests

    @Test func fixturesAreTheRecordedFilesWithProvenance() {
        let sizes = Dictionary(uniqueKeysWithValues: Paziresh24Fixture.allCases.map { ($0, $0.data.count) })
        #expect(
            sizes == [
                .freeDaysSlots: 1725, .freeDaysCalendar: 1340, .fullProfile: 10766, .availability: 831, .center404: 146,
                .searchConsult: 9659,
            ])
        #expect(Paziresh24Fixture.provenance.contains("eafcf95c340c6a7b35756055a98cf5a6a0379bc3"))
        #expect(
            Paziresh24Fixture.provenance.contains(
                "| search_consult.json | tests/fixtures/search_consult.json | GET apigw.paziresh24.com/seapi/v1/search/tehran/cardiovascular?turn_type=consult"
            ))
        #expect(Paziresh24Fixture.provenance.contains("21f5c3d3bdbc5780872152f1a8b9e06eaf9fece5c11225c1f7db9f1e27632e7d"))
    }

    @Test func fullProfileOfTheRecordedSlugIsServedByteForByte() async {
        let response = await standIn.handle(R.get("/api/full-profile/\(Paziresh24Fixture.recordedSlug)/"))
        #expect(response.status == 200)
        #expect(Data(response.body) == Paziresh24Fixture.fullProfile.data)
        #expect(response.header("Content-Type")?.hasPrefix("application/json") == true)
    }

    @Test func unknownSlugsAre404WithANonSuccessStatus() async {
        let response = await standIn.handle(R.get("/api/full-profile/dr-nobody/"))
        #expect(response.status == 404)
        #expect(R.object(response.body)["status"] as? String == "NOT_FOUND")
    }

    @Test func onlineCenterSlotModeIsTheSlotRecording() async {
        let response = await standIn.handle(R.freeDays(R.onlineForm))
        #expect(response.status == 200)
        #expect(Data(response.body) == Paziresh24Fixture.freeDaysSlots.data)
    }

    @Test func onlineCenterCalendarOnlyKeepsTheCalendarWithAnEmptyResult() async {
        let response = await standIn.handle(R.freeDays(R.onlineForm + [("return_free_turns", "false")]))
        let body = R.object(response.body)
        #expect(body["status"] as? Int == 1)
        #expect((body["result"] as? [Any])?.isEmpty == true)
        #expect(((body["calendar"] as? [String: Any])?["turns"] as? [Any])?.count == 7)
    }

    @Test func officeCenterAnswers32InSlotModeAndItsCalendarRecordingOtherwise() async {
        let slots = await standIn.handle(R.freeDays(R.officeForm))
        #expect(slots.status == 200)
        #expect(R.object(slots.body)["status"] as? Int == 32)
        let calendar = await standIn.handle(R.freeDays(R.officeForm + [("return_free_turns", "false")]))
        #expect(Data(calendar.body) == Paziresh24Fixture.freeDaysCalendar.data)
    }

    @Test func unknownServicesAndWrongMembershipsAnswer700() async {
        for form in [
            R.form(center: "5532", service: "nope", userCenter: Paziresh24Fixture.onlineUserCenterId),
            R.form(center: "5532", service: Paziresh24Fixture.onlineServiceId, userCenter: "someone-else"),
            R.form(center: "123", service: "456", userCenter: "789"),
        ] {
            let response = await standIn.handle(R.freeDays(form))
            #expect(response.status == 200)
            #expect(R.object(response.body)["status"] as? Int == 700)
        }
    }

    @Test func requestsTheLegacyEndpointCannotReadAreRefused() async {
        let json = await standIn.handle(R.freeDays(R.onlineForm, contentType: "application/json"))
        #expect(json.status == 400)
        #expect((R.object(json.body)["message"] as? String)?.contains("form-encoded") == true)

        for missing in ["center_id", "service_id", "user_center_id", "server_id", "return_type"] {
            let response = await standIn.handle(R.freeDays(R.onlineForm.filter { $0.0 != missing }))
            #expect(response.status == 400)
            #expect((R.object(response.body)["message"] as? String)?.contains(missing) == true)
        }
        let get = await standIn.handle(R.get("/booking/v2/getFreeDays"))
        #expect(get.status == 405 && get.header("Allow") == "POST")
        let postProfile = await standIn.handle(HTTPRequest(method: "POST", path: "/api/full-profile/x/"))
        #expect(postProfile.status == 405)
    }

    @Test func availabilityAndSlugProfileFollowTheRecordings() async {
        let availability = await standIn.handle(R.get("/v1/doctors/\(Paziresh24Fixture.recordedSlug)/availability-status"))
        #expect(Data(availability.body) == Paziresh24Fixture.availability.data)
        #expect(await standIn.handle(R.get("/v1/doctors/nobody/availability-status")).status == 404)

        let unknown = await standIn.handle(
            HTTPRequest(
                method: "POST", path: "/api/slugProfile", headers: [("Content-Type", "application/x-www-form-urlencoded")],
                body: Array("slug=unknown".utf8)))
        #expect(unknown.status == 200)
        #expect(Data(unknown.body) == Paziresh24Fixture.center404.data)
    }

    @Test func writeEndpointsAreRefusedAndFlagged() async {
        for path in [
            "/booking/v2/suspend", "/booking/v2/unsuspend", "/booking/v2/getFreeTurn", "/booking/v2/bookRequest", "/api/book",
        ] {
            let response = await standIn.handle(HTTPRequest(method: "POST", path: path))
            #expect(response.status == 403, "\(path)")
        }
        #expect(await standIn.handle(HTTPRequest(method: "POST", path: "/booking/v2/getFreeTurns")).status == 404)
        let flagged = standIn.requests().filter(\.forbidden).map(\.path)
        #expect(flagged.count == 5)
        #expect(await standIn.handle(R.get("/healthz")).status == 200)
    }
}
