import Foundation
import HTTPServer
import StandIns
import Testing

/// The stand-in's search route: shape, filters, paging, counts and synthetic batches.
@Suite struct Paziresh24StandInSearchTests {
    static let now = Date(timeIntervalSince1970: 1_791_250_000)
    static let start = 1_791_286_200

    static func search(_ path: String, _ query: [String: String] = [:]) -> HTTPRequest {
        HTTPRequest(method: "GET", path: path, query: query, headers: [("Accept", "application/json")])
    }

    static func cards(_ body: [UInt8]) -> [[String: Any]] {
        (Paziresh24Requests.object(body)["search"] as? [String: Any])?["result"] as? [[String: Any]] ?? []
    }

    @Test func withNoDoctorTheRecordingIsServedByteForByte() async {
        let standIn = Paziresh24StandIn(now: { Self.now })
        let response = await standIn.handle(Self.search("/seapi/v1/search/tehran/cardiovascular", ["turn_type": "consult"]))
        #expect(response.status == 200)
        #expect(Data(response.body) == Paziresh24Fixture.searchConsult.data)
    }

    @Test func generatedPagesHaveTheRecordedShape() async throws {
        let standIn = Paziresh24StandIn(now: { Self.now })
        let batch = Paziresh24StandInDoctor.SyntheticBatch(count: 3, prefix: "shape")
        standIn.registerDoctors(batch.doctors())
        standIn.setSlots(.init(centerId: "shape-c-0", serviceId: "shape-s-0", starts: [Self.start + 600, Self.start]))
        standIn.setSlots(.init(centerId: "5532", serviceId: "shape-os-0", starts: [Self.start + 1200]))
        let response = await standIn.handle(
            Self.search("/seapi/v1/search/tehran/\(batch.specialtySlug(group: 0))", ["turn_type": "consult", "limit": "2"]))
        #expect(response.status == 200)
        let recorded = try JSONSerialization.jsonObject(with: Paziresh24Fixture.searchConsult.data)
        let generated = try JSONSerialization.jsonObject(with: Data(response.body))
        #expect(Paziresh24Requests.shapeMismatch(generated, recorded) == nil)
        let cards = Self.cards(response.body)
        #expect(cards.count == 2)
        let first = try #require(cards.first)
        #expect(first["slug"] as? String == "shape-dr-0")
        #expect(first["presence_freeturn"] as? Int == Self.start)
        #expect(first["consult_freeturn"] as? Int == Self.start + 1200)
        // freeturns_info times are strings, as recorded.
        let infos = try #require(first["freeturns_info"] as? [[String: Any]])
        #expect(infos.map { $0["freeturn"] as? String } == [String(Self.start), String(Self.start + 1200)])
        #expect(cards[1]["presence_freeturn"] is NSNull)
        let search = try #require(Paziresh24Requests.object(response.body)["search"] as? [String: Any])
        #expect(search["total"] as? Int == 3)
        #expect((search["pagination"] as? [String: Any])?["limit"] as? Int == 2)
    }

    /// One doctor, one price: whether the scraper learns the online price from a probe's card or
    /// from the watch record (the bot's full profile), a notice shows the same amount.
    @Test func theCardAndTheFullProfileGiveTheOnlineServiceOnePrice() async throws {
        let standIn = Paziresh24StandIn(now: { Self.now })
        let batch = Paziresh24StandInDoctor.SyntheticBatch(count: 1, prefix: "price")
        standIn.registerDoctors(batch.doctors())
        let page = await standIn.handle(
            Self.search("/seapi/v1/search/tehran/\(batch.specialtySlug(group: 0))", ["turn_type": "consult"]))
        let card = try #require(Self.cards(page.body).first)
        let consult = try #require(card["consult_services"] as? [[String: Any]])
        #expect(!consult.isEmpty && consult.allSatisfy { $0["free_price"] as? Int == 5_000_000 })
        #expect(card["price"] as? String == "500,000 تومان")
        let profile = await standIn.handle(Self.search("/api/full-profile/price-dr-0/"))
        let data = try #require(Paziresh24Requests.object(profile.body)["data"] as? [String: Any])
        let online = try #require((data["centers"] as? [[String: Any]])?.first { $0["id"] as? String == "5532" })
        let services = try #require(online["services"] as? [[String: Any]])
        #expect(!services.isEmpty && services.allSatisfy { $0["free_price"] as? Int == 5_000_000 })
    }

    @Test func textMatchingIgnoresArabicLettersZWNJAndSpaces() async {
        let standIn = Paziresh24StandIn(now: { Self.now })
        standIn.registerDoctors([
            Paziresh24StandInDoctor(
                slug: "dr-k", name: "کاظم", family: "یزدی‌نژاد", centers: [.init(id: "c-k", userCenterId: "u-k", services: [])]),
            Paziresh24StandInDoctor(slug: "dr-o", name: "Other", family: "Person", centers: []),
        ])
        for text in ["كاظم يزدي نژاد", "یزدینژاد", "  کاظم   یزدی‌نژاد ", "دکتر كاظم"] {
            let response = await standIn.handle(Self.search("/seapi/v1/search/ir", ["text": text]))
            #expect(Self.cards(response.body).compactMap { $0["slug"] as? String } == ["dr-k"], "\(text)")
        }
        let none = await standIn.handle(Self.search("/seapi/v1/search/ir", ["text": "نیست"]))
        #expect(Self.cards(none.body).isEmpty)
    }

    @Test func limitIsCappedAtFiftyAndBadParametersAreRefused() async {
        let standIn = Paziresh24StandIn(now: { Self.now })
        standIn.registerDoctors(Paziresh24StandInDoctor.SyntheticBatch(count: 70, prefix: "cap").doctors())
        let capped = await standIn.handle(Self.search("/seapi/v1/search/ir", ["limit": "500"]))
        #expect(Self.cards(capped.body).count == 50)
        let last = await standIn.handle(Self.search("/seapi/v1/search/ir", ["limit": "50", "page": "2"]))
        #expect(Self.cards(last.body).count == 20)
        let beyond = await standIn.handle(Self.search("/seapi/v1/search/ir", ["limit": "50", "page": "9223372036854775807"]))
        #expect(beyond.status == 200 && Self.cards(beyond.body).isEmpty)
        for query in [["page": "0"], ["limit": "x"], ["turn_type": "book"]] {
            let response = await standIn.handle(Self.search("/seapi/v1/search/ir", query))
            #expect(response.status == 400, "\(query)")
        }
        let post = await standIn.handle(HTTPRequest(method: "POST", path: "/seapi/v1/search/ir"))
        #expect(post.status == 405)
        let unknown = await standIn.handle(Self.search("/seapi/v1/search/atlantis"))
        #expect(unknown.status == 404)
    }

    @Test func requestCountsArePerEndpoint() async {
        let standIn = Paziresh24StandIn(now: { Self.now })
        _ = await standIn.handle(Self.search("/seapi/v1/search/ir"))
        _ = await standIn.handle(Self.search("/seapi/v1/search/tehran/cardiovascular"))
        _ = await standIn.handle(Paziresh24Requests.freeDays(Paziresh24Requests.onlineForm))
        _ = await standIn.handle(HTTPRequest(method: "POST", path: "/booking/v2/suspend"))
        #expect(standIn.requestCounts() == ["search": 2, "getFreeDays": 1, "forbidden": 1])
        let response = await standIn.handle(Paziresh24Requests.control("GET", "/control/requests/counts"))
        let object = Paziresh24Requests.object(response.body)
        #expect(object["total"] as? Int == 4)
        #expect((object["counts"] as? [String: Int])?["search"] == 2)
        let since = await standIn.handle(Paziresh24Requests.control("GET", "/control/requests/counts", query: ["since": "2"]))
        #expect((Paziresh24Requests.object(since.body)["counts"] as? [String: Int]) == ["getFreeDays": 1, "forbidden": 1])
        #expect(standIn.requests().map(\.endpoint) == ["search", "search", "getFreeDays", "forbidden"])
        _ = await standIn.handle(Paziresh24Requests.control("POST", "/control/reset"))
        #expect(standIn.requestCounts().isEmpty)
    }

    @Test func aThousandSyntheticDoctorsInTwentyGroupsRegisterInOneCall() async throws {
        let standIn = Paziresh24StandIn(now: { Self.now })
        let response = await standIn.handle(
            Paziresh24Requests.control("POST", "/control/doctors/synthetic", json: #"{"count":1000,"groups":20,"prefix":"bench"}"#))
        #expect(response.status == 200)
        let object = Paziresh24Requests.object(response.body)
        #expect(object["count"] as? Int == 1000)
        let doctors = try #require(object["doctors"] as? [[String: Any]])
        #expect(Set(doctors.compactMap { $0["specialty_slug"] as? String }).count == 20)
        for group in [0, 19] {
            let page = await standIn.handle(Self.search("/seapi/v1/search/tehran/bench-group-\(group)", ["limit": "50"]))
            #expect(Self.cards(page.body).count == 50)
            #expect((Paziresh24Requests.object(page.body)["search"] as? [String: Any])?["total"] as? Int == 50)
        }
        for bad in [#"{"count":0}"#, #"{"count":10,"groups":11}"#, #"{"count":5,"prefix":"a/b"}"#, "[]"] {
            let refused = await standIn.handle(Paziresh24Requests.control("POST", "/control/doctors/synthetic", json: bad))
            #expect(refused.status == 400, "\(bad)")
        }
    }
}
