import CivilTime
import Foundation
import StandIns
import Testing

@testable import Paziresh24

/// The search-card decoder on the recorded answer and on hostile variants of it.
@Suite struct DoctorSearchPageTests {
    /// `search_consult.json` with `change` applied to its parsed root.
    static func variant(_ change: (inout [String: Any]) -> Void) throws -> Data {
        var root = try #require(try JSONSerialization.jsonObject(with: Paziresh24Fixture.searchConsult.data) as? [String: Any])
        change(&root)
        return try JSONSerialization.data(withJSONObject: root)
    }

    /// The variant with `change` applied to the first card.
    static func cardVariant(_ change: @escaping (inout [String: Any]) -> Void) throws -> Data {
        try variant { root in
            var search = root["search"] as! [String: Any]
            var cards = search["result"] as! [[String: Any]]
            change(&cards[0])
            search["result"] = cards
            root["search"] = search
        }
    }

    static func decodeError(_ body: Data) -> Paziresh24Error? {
        do {
            _ = try DoctorSearchPage.decode(body)
            return nil
        } catch {
            return error
        }
    }

    // MARK: the recording

    @Test func theRecordedPageHasTwoCardsAndItsPaging() throws {
        let page = try DoctorSearchPage.decode(Paziresh24Fixture.searchConsult.data)
        #expect(page.cards.count == 2)
        #expect(page.skipped == 0)
        #expect(page.total == 305 && page.page == 1 && page.limit == 3)
        #expect(page.hasMore)
    }

    @Test func theFirstCardIsSaeedNourianWithAnOnlineVisitAtNine() throws {
        let card = try DoctorSearchPage.decode(Paziresh24Fixture.searchConsult.data).cards[0]
        // The site spells this slug with the Arabic yeh (U+064A).
        #expect(card.slug == "دکتر-سع\u{064A}د-نور\u{064A}ان")
        #expect(card.doctorId == "ad92bbf0-bddb-4a6e-9312-61b39784a0be")
        #expect(card.displayName == "سع\u{064A}د نور\u{064A}ان" && card.prefix == "دکتر")
        #expect(card.expertise == "فلوشیپ اینترونشنال کاردیولوژی")
        #expect(card.city == "تهران")
        #expect(card.centers.map(\.id) == ["31a36dda-3f95-495b-ad8e-4b63f784644d", "5532"])
        #expect(card.centers[0].userCenterId == "c111142f-6759-4210-ac35-5f504951156f")
        #expect(card.centers[0].serviceIds == ["a1505193-9a32-4a6d-a044-37791448115f"])
        #expect(card.centers[0].freeTurn == nil && card.centers[0].centerType == 1)
        let online = try #require(card.onlineCenter)
        #expect(online.userCenterId == "978dc085-e011-48d0-8756-f18183903bff")
        #expect(online.serviceIds == ["978dc085-e57c-4252-931c-a952e827daa1"])
        #expect(online.freeTurn == Date(timeIntervalSince1970: 1_791_264_600))
        #expect(
            card.freeTurns == [
                DoctorSearchFreeTurn(
                    centerId: "5532", freeTurn: Date(timeIntervalSince1970: 1_791_264_600),
                    availableTime: Date(timeIntervalSince1970: 1_791_232_200))
            ])
        let consult = try #require(card.consultFreeTurn)
        #expect(TehranTime.dateString(consult) == "2026-10-06" && TehranTime.hourMinute(consult) == "09:00")
        #expect(card.presenceFreeTurn == nil)  // null in the recording
        #expect(card.consultActiveBooking == true && card.presenceActiveBooking == false)
        #expect(card.onlinePriceRial == 800_000)
        #expect(card.onlineServiceId == "978dc085-e57c-4252-931c-a952e827daa1")
    }

    @Test func theSecondCardHasAnOfficeTimeInMarivan() throws {
        let card = try DoctorSearchPage.decode(Paziresh24Fixture.searchConsult.data).cards[1]
        #expect(card.slug == "دکتر-آرام-حمزه-پور-1")
        #expect(card.city == "مریوان")
        let office = try #require(card.centers.first { !$0.isOnlineVisit })
        #expect(office.userCenterId == "9741e96c-8a05-4007-b506-25a19915578d")
        let officeTime = try #require(office.freeTurn)
        #expect(TehranTime.hourMinute(officeTime) == "16:00" && TehranTime.dateString(officeTime) == "2026-10-06")
        #expect(card.presenceFreeTurn == officeTime)
        #expect(card.freeTurn(atCenter: "5532").map(TehranTime.hourMinute) == "11:00")
        #expect(card.consultFreeTurn == card.freeTurn(atCenter: "5532"))
        #expect(card.onlinePriceRial == 1_000_000)
    }

    // MARK: lenient with missing and extra fields

    @Test func missingAndNullFieldsReadAsNil() throws {
        let body = try Self.cardVariant { card in
            for key in [
                "id", "doctor_id", "display_name", "display_expertise", "consult_freeturn", "consult_services",
                "freeturns_info", "consult_active_booking", "services",
            ] {
                card.removeValue(forKey: key)
            }
            card["prefix"] = NSNull()
            card["centers"] = [["id": "c-1"], NSNull()] as [Any]
        }
        let page = try DoctorSearchPage.decode(body)
        let card = page.cards[0]
        #expect(card.doctorId == nil && card.consultFreeTurn == nil && card.onlinePriceRial == nil)
        #expect(card.displayName == "سع\u{064A}د نور\u{064A}ان")  // falls back to `title`
        #expect(card.prefix == nil && card.consultActiveBooking == nil && card.freeTurns.isEmpty)
        #expect(card.centers == [DoctorSearchCenter(id: "c-1")])
        #expect(page.cards.count == 2)
    }

    @Test func unknownFieldsAreIgnored() throws {
        let body = try Self.variant { root in
            root["brand_new"] = ["x": [1, 2, 3]] as [String: Any]
            var search = root["search"] as! [String: Any]
            search["facets"] = [["name": "gender"]]
            var cards = search["result"] as! [[String: Any]]
            cards[0]["hologram"] = true
            search["result"] = cards
            root["search"] = search
        }
        #expect(try DoctorSearchPage.decode(body) == DoctorSearchPage.decode(Paziresh24Fixture.searchConsult.data))
    }

    @Test func cardsWithoutSlugOrNotDoctorsAreSkippedAndCounted() throws {
        let body = try Self.variant { root in
            var search = root["search"] as! [String: Any]
            var cards = search["result"] as! [[String: Any]]
            cards[0].removeValue(forKey: "slug")
            var blank = cards[1]
            blank["slug"] = "  "
            var center = cards[1]
            center["type"] = "center"
            search["result"] = [cards[0], cards[1], blank, center, NSNull()] as [Any]
            root["search"] = search
        }
        let page = try DoctorSearchPage.decode(body)
        #expect(page.cards.map(\.slug) == ["دکتر-آرام-حمزه-پور-1"])
        #expect(page.skipped == 4)
    }

    @Test func emptyListsAndAnEmptySearchAreEmptyPages() throws {
        let empty = try DoctorSearchPage.decode(Data(#"{"search":{"total":0,"pagination":{"limit":50,"page":1},"result":[]}}"#.utf8))
        #expect(empty.cards.isEmpty && empty.total == 0 && !empty.hasMore)
        let bare = try DoctorSearchPage.decode(Data(#"{"search":{}}"#.utf8))
        #expect(bare == DoctorSearchPage(total: nil, page: nil, limit: nil, cards: []))
        let nulls = try DoctorSearchPage.decode(Data(#"{"search":{"total":null,"pagination":null,"result":null}}"#.utf8))
        #expect(nulls.cards.isEmpty && nulls.total == nil)
        let card = try DoctorSearchPage.decode(
            Data(#"{"search":{"result":[{"slug":"x","centers":[],"freeturns_info":[],"consult_services":[],"services":[]}]}}"#.utf8))
        #expect(card.cards == [DoctorSearchCard(slug: "x")])
    }

    @Test func nullEverywhereInACardReadsAsNil() throws {
        let body = try Self.cardVariant { card in
            for key in card.keys where key != "slug" { card[key] = NSNull() }
        }
        let card = try DoctorSearchPage.decode(body).cards[0]
        #expect(card == DoctorSearchCard(slug: "دکتر-سع\u{064A}د-نور\u{064A}ان"))
    }

    // MARK: timestamps

    @Test func timestampsAreReadAsNumbersOrDigitStrings() throws {
        let body = try Self.cardVariant { card in
            card["consult_freeturn"] = "1791264600"
            card["presence_freeturn"] = 1_791_289_800
            card["freeturns_info"] = [["center_id": 5532, "freeturn": 1_791_264_600, "available_time": ""] as [String: Any]]
        }
        let card = try DoctorSearchPage.decode(body).cards[0]
        #expect(card.consultFreeTurn == Date(timeIntervalSince1970: 1_791_264_600))
        #expect(card.presenceFreeTurn == Date(timeIntervalSince1970: 1_791_289_800))
        #expect(card.freeTurns == [DoctorSearchFreeTurn(centerId: "5532", freeTurn: Date(timeIntervalSince1970: 1_791_264_600))])
    }

    @Test func zeroAndNegativeTimestampsMeanNone() throws {
        let body = try Self.cardVariant { card in
            card["consult_freeturn"] = 0
            card["presence_freeturn"] = -1_791_264_600
            card["freeturns_info"] = [["center_id": "5532", "freeturn": "-5", "available_time": "0"]]
        }
        let card = try DoctorSearchPage.decode(body).cards[0]
        #expect(card.consultFreeTurn == nil && card.presenceFreeTurn == nil)
        #expect(card.freeTurns == [DoctorSearchFreeTurn(centerId: "5532", freeTurn: nil)])
    }

    @Test func overflowingAndFractionalTimestampsAreErrorsNotTraps() throws {
        let cases: [(Any, String)] = [
            (1e300, "search.result[0].consult_freeturn"), (9_223_372_036_854_775_807 as Int64, "search.result[0].consult_freeturn"),
            ("99999999999999999999999", "search.result[0].consult_freeturn"), (1_791_264_600.5, "search.result[0].consult_freeturn"),
            (253_402_300_800 as Int64, "search.result[0].consult_freeturn"), ("17912646OO", "search.result[0].consult_freeturn"),
        ]
        for (value, path) in cases {
            let error = try #require(Self.decodeError(try Self.cardVariant { $0["consult_freeturn"] = value }), "\(value)")
            guard case .malformedResponse(let message) = error.kind else {
                Issue.record("\(value): \(error)")
                continue
            }
            #expect(error.fieldPath == path, "\(value)")
            #expect(message.contains(path))
        }
        let nested = try #require(
            Self.decodeError(
                try Self.cardVariant {
                    $0["freeturns_info"] = [["center_id": "5532", "freeturn": "-99999999999999999999999"]]
                }))
        #expect(nested.fieldPath == "search.result[0].freeturns_info[0].freeturn")
    }

    @Test func hugeNumbersElsewhereAreErrorsNotTraps() throws {
        let total = try #require(
            Self.decodeError(
                try Self.variant { root in
                    var search = root["search"] as! [String: Any]
                    search["total"] = 1e308
                    root["search"] = search
                }))
        #expect(total.fieldPath == "search.total")
        let price = try #require(Self.decodeError(try Self.cardVariant { $0["consult_services"] = [["free_price": -1e200]] }))
        #expect(price.fieldPath == "search.result[0].consult_services[0].free_price")
        // A number beyond Double is not JSON the decoder reads at all: still a typed error.
        let body = Data(#"{"search":{"total":1e999,"result":[]}}"#.utf8)
        #expect(Self.decodeError(body)?.kind != nil)
    }

    // MARK: strict with wrong types

    @Test func wrongTypesNameTheirFieldPath() throws {
        let cases: [(String, (inout [String: Any]) -> Void)] = [
            ("search.result[0].slug", { $0["slug"] = 42 }),
            ("search.result[0].slug", { $0["slug"] = ["x"] }),
            ("search.result[0].centers", { $0["centers"] = "5532" }),
            ("search.result[0].centers[1]", { $0["centers"] = [["id": "a"], 7] as [Any] }),
            ("search.result[0].centers[0].user_center_id", { $0["centers"] = [["id": "a", "user_center_id": true] as [String: Any]] }),
            ("search.result[0].centers[0].id", { $0["centers"] = [["id": ["nested": 1]]] }),
            (
                "search.result[0].freeturns_info[0].freeturn",
                {
                    $0["freeturns_info"] = [["center_id": "5532", "freeturn": ["t": 1]] as [String: Any]]
                }
            ),
            ("search.result[0].consult_active_booking", { $0["consult_active_booking"] = "yes" }),
            ("search.result[0].consult_services[0]", { $0["consult_services"] = ["800000"] }),
            ("search.result[0].display_name", { $0["display_name"] = 3.5 }),
        ]
        for (path, change) in cases {
            let error = try #require(Self.decodeError(try Self.cardVariant(change)), "\(path)")
            #expect(error.fieldPath == path)
            #expect(error.description.contains(path) && error.code == "malformed_response")
            #expect(!error.isRetriable)
        }
        let pagination = try #require(
            Self.decodeError(
                try Self.variant { root in
                    var search = root["search"] as! [String: Any]
                    search["pagination"] = ["page": "first"]
                    root["search"] = search
                }))
        #expect(pagination.fieldPath == "search.pagination.page")
    }

    @Test func nonObjectRootsAndNonJSONAreMalformed() {
        for text in ["[]", "null", "42", "\"search\"", "<html>504</html>", "", #"{"search":[]}"#, #"{"result":[]}"#] {
            let error = Self.decodeError(Data(text.utf8))
            guard case .malformedResponse? = error?.kind else {
                Issue.record("\(text): \(String(describing: error))")
                continue
            }
        }
        #expect(Self.decodeError(Data("[]".utf8))?.fieldPath == "$")
        #expect(Self.decodeError(Data(#"{"search":[]}"#.utf8))?.fieldPath == "search")
    }

    @Test func aTenMegabyteBodyIsRefusedBeforeParsing() {
        var body = Data(#"{"search":{"result":[],"padding":""#.utf8)
        body.append(Data(repeating: 0x61, count: 10 * 1024 * 1024))
        body.append(Data(#""}}"#.utf8))
        guard case .malformedResponse(let message)? = Self.decodeError(body)?.kind else {
            Issue.record("a 10 MB body was accepted")
            return
        }
        #expect(message.contains("exceeds"))
    }
}
