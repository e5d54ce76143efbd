import Foundation
import HTTPServer
import StandIns
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The request log, in process and over real HTTP.
@Suite struct Paziresh24StandInRequestLogTests {
    typealias R = Paziresh24Requests

    @Test func everyPaziresh24RequestIsLoggedWithItsAnswer() async throws {
        let standIn = Paziresh24StandIn()
        _ = await standIn.handle(R.freeDays(R.onlineForm))
        _ = await standIn.handle(R.freeDays(R.officeForm))
        _ = await standIn.handle(R.get("/api/full-profile/dr-nobody/"))
        _ = await standIn.handle(R.control("GET", "/control/requests"))

        let log = standIn.requests()
        #expect(log.map(\.seq) == [1, 2, 3])
        #expect(log.map(\.status) == [200, 200, 404])
        #expect(log.map(\.paziresh24Status) == [1, 32, nil])
        #expect(
            log.map(\.target) == [
                "5532:\(Paziresh24Fixture.onlineServiceId)",
                "\(Paziresh24Fixture.officeCenterId):\(Paziresh24Fixture.officeServiceId)", "profile:dr-nobody",
            ])
        let first = try #require(log.first)
        #expect(first.method == "POST" && first.path == "/booking/v2/getFreeDays")
        #expect(first.form == Dictionary(uniqueKeysWithValues: R.onlineForm))
        #expect(first.contentType == "application/x-www-form-urlencoded")
        #expect(first.headers["accept-timezone"] == "Asia/Tehran" && first.headers["user-agent"] == "test")
        #expect(first.bodyBytes > 0 && !first.forbidden && first.fault == nil)
        #expect(first.time.hasSuffix("Z") && first.unixMs > 0)
        #expect(standIn.requests(since: 2).map(\.seq) == [3])
    }

    @Test func theControlEndpointServesTheLogAsSnakeCaseJSON() async throws {
        let standIn = Paziresh24StandIn()
        _ = await standIn.handle(R.freeDays(R.onlineForm))
        _ = await standIn.handle(R.get("/api/full-profile/x/"))
        let response = await standIn.handle(
            R.control("GET", "/control/requests", query: ["since": "0", "path": "/booking/v2/getFreeDays"]))
        let records = try #require(R.object(response.body)["requests"] as? [[String: Any]])
        #expect(records.count == 1)
        #expect(
            Set(records[0].keys).isSuperset(of: [
                "seq", "time", "unix_ms", "method", "path", "query", "content_type", "form", "body_bytes", "headers", "target",
                "status", "paziresh24_status", "forbidden", "duration_ms",
            ]))
        #expect((records[0]["form"] as? [String: String])?["center_id"] == "5532")
    }

    @Test func overHTTPTheStandInBehavesTheSame() async throws {
        let standIn = Paziresh24StandIn()
        let port = try standIn.start()
        defer { standIn.stop() }
        let base = try #require(standIn.baseURL)
        #expect(base.absoluteString == "http://127.0.0.1:\(port)")
        let session = URLSession(configuration: .ephemeral)

        var doctors = URLRequest(url: base.appendingPathComponent("control/doctors"))
        doctors.httpMethod = "POST"
        doctors.httpBody = Data(
            #"{"doctors":[{"slug":"دکتر-تست-1","centers":[{"id":"c","user_center_id":"u","services":[{"id":"s"}]}]}]}"#.utf8)
        let (_, registered) = try await session.data(for: doctors)
        #expect((registered as? HTTPURLResponse)?.statusCode == 200)

        let profileURL = try #require(URL(string: "\(base.absoluteString)/api/full-profile/%D8%AF%DA%A9%D8%AA%D8%B1-%D8%AA%D8%B3%D8%AA-1/"))
        let (profile, profileResponse) = try await session.data(from: profileURL)
        #expect((profileResponse as? HTTPURLResponse)?.statusCode == 200)
        #expect(((R.object(Array(profile))["data"] as? [String: Any])?["slug"] as? String) == "دکتر-تست-1")

        var freeDays = URLRequest(url: base.appendingPathComponent("booking/v2/getFreeDays"))
        freeDays.httpMethod = "POST"
        freeDays.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        freeDays.httpBody = Data("center_id=c&service_id=s&user_center_id=u&server_id=1&return_type=calendar".utf8)
        let (answer, _) = try await session.data(for: freeDays)
        #expect(R.object(Array(answer))["status"] as? Int == 32)

        let (logData, _) = try await session.data(from: base.appendingPathComponent("control/requests"))
        let records = try JSONDecoder().decode([String: [Paziresh24RequestRecord]].self, from: logData)["requests"] ?? []
        #expect(records.map(\.path) == ["/api/full-profile/دکتر-تست-1/", "/booking/v2/getFreeDays"])
        #expect(records.last?.form["center_id"] == "c")
    }
}
