import CivilTime
import Foundation
import StandIns
import Testing

@testable import Paziresh24

/// The real client (URLSession transport) searching the stand-in over loopback HTTP.
@Suite(.serialized) final class SearchStandInIntegrationTests {
    let standIn = Paziresh24StandIn()
    let client: Paziresh24Client
    /// A future slot grid start (slots are visible whatever the wall clock).
    static let base = 1_900_000_200 - 1_900_000_200 % 600

    init() throws {
        let port = try standIn.start()
        var configuration = Paziresh24Configuration(baseURL: try #require(URL(string: "http://127.0.0.1:\(port)")))
        configuration.requestTimeout = .seconds(5)
        configuration.maxAttempts = 1
        client = Paziresh24Client(configuration: configuration)
    }

    deinit {
        standIn.stop()
    }

    static func doctor(_ slug: String, _ name: String, family: String, specialty: String = "cardiovascular") -> Paziresh24StandInDoctor {
        Paziresh24StandInDoctor(
            slug: slug, name: name, family: family, specialty: "متخصص قلب",
            centers: [
                .init(id: "\(slug)-office", userCenterId: "\(slug)-uc", city: "تهران", services: [.init(id: "\(slug)-s")]),
                .init(id: "5532", userCenterId: "\(slug)-ouc", services: [.init(id: "\(slug)-os")]),
            ], specialtySlug: specialty)
    }

    @Test func withNoDoctorTheRecordedPageIsServedAndDecoded() async throws {
        let page = try await client.searchDoctors(
            DoctorSearchQuery(city: "tehran", specialty: "cardiovascular", turnType: .consult))
        #expect(page.cards.count == 2 && page.total == 305)
        #expect(standIn.requestCounts() == ["search": 1])
        #expect(standIn.requests().allSatisfy { !$0.forbidden && $0.method == "GET" })
    }

    @Test func searchingByTextFindsTheDoctorWhateverTheSpelling() async throws {
        standIn.registerDoctors([
            Self.doctor("dr-a", "سعید", family: "نوریان"), Self.doctor("dr-b", "آرام", family: "حمزه‌پور"),
            Self.doctor("dr-c", "هدیه", family: "جباری", specialty: "dermatology"),
        ])
        // Arabic yeh, no ZWNJ where the name has one, extra spaces.
        for text in ["سعيد نوريان", "نوریان"] {
            let page = try await client.searchDoctors(DoctorSearchQuery(text: text))
            #expect(page.cards.map(\.slug) == ["dr-a"], "\(text)")
        }
        let hamzehpour = try await client.searchDoctors(DoctorSearchQuery(text: "حمزه پور"))
        #expect(hamzehpour.cards.map(\.slug) == ["dr-b"])
        let card = try #require(hamzehpour.cards.first)
        #expect(card.displayName == "آرام حمزه‌پور")
        #expect(card.centers.map(\.userCenterId) == ["dr-b-uc", "dr-b-ouc"])
        #expect(card.onlineServiceId == "dr-b-os" && card.consultActiveBooking == true)
        let dermatology = try await client.searchDoctors(DoctorSearchQuery(city: "tehran", specialty: "dermatology"))
        #expect(dermatology.cards.map(\.slug) == ["dr-c"] && dermatology.total == 1)
        await #expect {
            _ = try await client.searchDoctors(DoctorSearchQuery(city: "tehran", specialty: "no-such-specialty"))
        } throws: { ($0 as? Paziresh24Error)?.code == "invalid_input" }
    }

    @Test func pagesCoverEveryDoctorOnce() async throws {
        let batch = Paziresh24StandInDoctor.SyntheticBatch(count: 120, groups: 2, prefix: "pg")
        standIn.registerDoctors(batch.doctors())
        var slugs: [String] = []
        for page in 1...3 {
            let answer = try await client.searchDoctors(
                DoctorSearchQuery(city: "tehran", specialty: batch.specialtySlug(group: 1), page: page, limit: 25))
            #expect(answer.total == 60 && answer.page == Int64(page) && answer.limit == 25)
            #expect(answer.hasMore == (page < 3))
            slugs += answer.cards.map(\.slug)
        }
        #expect(slugs.count == 60 && Set(slugs).count == 60)
        #expect(slugs.allSatisfy { Int($0.split(separator: "-").last!)! % 2 == 1 })
        #expect(standIn.requestCounts()["search"] == 3)
    }

    @Test func theEarliestTimeMovesWithTheScenarioSlots() async throws {
        standIn.registerDoctor(Self.doctor("dr-t", "تست", family: "زمان"))
        let query = DoctorSearchQuery(city: "tehran", specialty: "cardiovascular", text: "تست زمان")
        var card = try #require(try await client.searchDoctors(query).cards.first)
        #expect(card.presenceFreeTurn == nil && card.consultFreeTurn == nil && card.freeTurns.isEmpty)

        let base = Self.base
        standIn.setSlots(.init(centerId: "dr-t-office", serviceId: "dr-t-s", starts: [base + 3600, base + 7200]))
        card = try #require(try await client.searchDoctors(query).cards.first)
        #expect(card.presenceFreeTurn == Date(timeIntervalSince1970: TimeInterval(base + 3600)))
        #expect(card.freeTurn(atCenter: "dr-t-office") == card.presenceFreeTurn)

        // An earlier slot is added: the earliest time moves forward.
        standIn.setSlots(.init(centerId: "dr-t-office", serviceId: "dr-t-s", slots: [.init(start: base)], mode: .add))
        card = try #require(try await client.searchDoctors(query).cards.first)
        #expect(card.presenceFreeTurn == Date(timeIntervalSince1970: TimeInterval(base)))

        // It is removed again, and an online slot appears.
        standIn.setSlots(.init(centerId: "dr-t-office", serviceId: "dr-t-s", slots: [.init(start: base)], mode: .remove))
        standIn.setSlots(.init(centerId: "5532", serviceId: "dr-t-os", starts: [base + 600]))
        card = try #require(try await client.searchDoctors(query).cards.first)
        #expect(card.presenceFreeTurn == Date(timeIntervalSince1970: TimeInterval(base + 3600)))
        #expect(card.consultFreeTurn == Date(timeIntervalSince1970: TimeInterval(base + 600)))
        #expect(card.onlineCenter?.freeTurn == card.consultFreeTurn)

        // Nearest-first ordering uses those times.
        standIn.registerDoctor(Self.doctor("dr-u", "تست", family: "زودتر"))
        standIn.setSlots(.init(centerId: "dr-u-office", serviceId: "dr-u-s", starts: [base + 60]))
        let nearest = try await client.searchDoctors(
            DoctorSearchQuery(text: "تست", sortBy: DoctorSearchQuery.earliestFreeTurnSort, turnType: .nonConsult))
        #expect(nearest.cards.map(\.slug) == ["dr-u", "dr-t"])
    }
}
