import Foundation
import StandIns
import Testing

@testable import Paziresh24

/// The client sends exactly the recorded calls.
@Suite struct RequestShapeTests {
    static let userAgent =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.0.0 Safari/537.36"

    @Test func getFreeDaysIsOneFormEncodedPostWithoutReturnFreeTurns() async throws {
        let transport = ScriptedTransport([ScriptedTransport.data(200, Paziresh24Fixture.freeDaysSlots.data)])
        _ = try await TestSetup.client(transport).freeSlots(TestSetup.query)
        let request = try #require(transport.requests.first)
        #expect(transport.requestCount == 1)
        #expect(request.method == "POST")
        #expect(request.url.absoluteString == "https://apigw.paziresh24.com/booking/v2/getFreeDays")
        #expect(request.header("Content-Type") == "application/x-www-form-urlencoded")
        #expect(request.header("User-Agent") == Self.userAgent)
        #expect(request.header("Accept") == "application/json")
        #expect(request.header("accept-timezone") == "Asia/Tehran")
        #expect(request.header("Cookie") == nil && request.header("Authorization") == nil)
        #expect(request.timeout == .seconds(30))
        let body = String(decoding: try #require(request.body), as: UTF8.self)
        #expect(
            body == "center_id=5532&service_id=972812db-5afb-427a-9dba-d07aa3fed100"
                + "&user_center_id=972812db-4af0-49d5-865f-516ad2df8474&server_id=1&return_type=calendar")
        #expect(!request.formFields.contains { $0.0 == "return_free_turns" })
    }

    @Test func fullProfileIsAGetOfThePercentEncodedSlug() async throws {
        let transport = ScriptedTransport([ScriptedTransport.data(200, Paziresh24Fixture.fullProfile.data)])
        let profile = try await TestSetup.client(transport).resolveDoctor(
            "https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/")
        #expect(profile.centers.count == 2)
        let request = try #require(transport.requests.first)
        #expect(request.method == "GET")
        #expect(
            request.url.absoluteString == "https://drprofile.paziresh24.com/api/full-profile/"
                + "%D8%AF%DA%A9%D8%AA%D8%B1-%D9%87%D8%AF%DB%8C%D9%87-%D8%AC%D8%A8%D8%A7%D8%B1%DB%8C-0/")
        #expect(request.body == nil)
        #expect(request.header("Content-Type") == nil)
        #expect(request.header("accept-timezone") == "Asia/Tehran")
    }

    @Test func unknownDoctorsAreNotFound() async {
        for step in [
            ScriptedTransport.json(404, "<html>not found</html>"),
            ScriptedTransport.json(200, #"{"status":"ERROR","message":"not found"}"#),
            ScriptedTransport.data(200, Paziresh24Fixture.center404.data),
        ] {
            let client = TestSetup.client(ScriptedTransport([step]))
            await #expect {
                try await client.resolveDoctor("dr-nobody")
            } throws: { error in
                (error as? Paziresh24Error)?.kind == .doctorNotFound
            }
        }
    }

    @Test func badInputIsRefusedBeforeAnyRequest() async {
        let transport = ScriptedTransport([])
        let client = TestSetup.client(transport)
        await #expect(throws: Paziresh24Error.self) { try await client.resolveDoctor("https://evil.example/dr/x/") }
        var query = TestSetup.query
        query.userCenterId = " "
        await #expect {
            try await client.freeSlots(query)
        } throws: { error in
            guard case .invalidInput = (error as? Paziresh24Error)?.kind else { return false }
            return true
        }
        #expect(transport.requestCount == 0)
    }

    @Test func errorsDescribeThemselvesForLogsAndMetrics() {
        let error = Paziresh24Error(.refused(status: 3, message: "bad terminal"), context: "getFreeDays 5532:x")
        #expect(error.description == "Paziresh24Error(refused): refused the request (status 3): bad terminal [getFreeDays 5532:x]")
        #expect(error.kindLabel == "refused" && error.code == "refused" && !error.isRetriable)
        #expect(Paziresh24Error(.httpStatus(504)).kindLabel == "http_5xx")
        #expect(Paziresh24Error(.httpStatus(504)).isRetriable)
        #expect(!Paziresh24Error(.httpStatus(400)).isRetriable)
        #expect(Paziresh24Error(.rateLimited(retryAfter: nil)).isRetriable)
    }
}
