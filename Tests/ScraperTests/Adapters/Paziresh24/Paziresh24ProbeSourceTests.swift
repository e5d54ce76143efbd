import Foundation
import Paziresh24
import ScraperAdapters
import ScraperDomain
import StandIns
import Synchronization
import Testing

/// A client whose search answers a recorded page and records the queries it got.
private final class SearchingPaziresh24: Paziresh24Fetching {
    let page: DoctorSearchPage
    let queries = Mutex<[DoctorSearchQuery]>([])
    init(_ page: DoctorSearchPage) { self.page = page }
    func resolveDoctor(_ slugOrProfileURL: String) async throws(Paziresh24Error) -> DoctorProfile {
        throw Paziresh24Error(.doctorNotFound)
    }
    func freeSlots(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> [Paziresh24.FreeSlot] { [] }
    func searchDoctors(_ query: DoctorSearchQuery) async throws(Paziresh24Error) -> DoctorSearchPage {
        queries.withLock { $0.append(query) }
        return page
    }
}

@Suite("Paziresh24ProbeSource")
struct Paziresh24ProbeSourceTests {
    @Test("the recorded search answer: the group's route, 50 a page, each card's earliest free time per center")
    func recorded() async throws {
        let recorded = try DoctorSearchPage.decode(Paziresh24Fixture.searchConsult.data)
        let client = SearchingPaziresh24(recorded)
        let source = Paziresh24ProbeSource(client: client)
        let page = try await source.page(ProbeQuery(group: ProbeGroupKey(city: "tehran", specialty: "cardiovascular"), page: 2))
        let sent = try #require(client.queries.withLock { $0.first })
        #expect(sent.city == "tehran" && sent.specialty == "cardiovascular" && sent.page == 2 && sent.limit == 50)
        #expect(page.doctors.count == Set(recorded.cards.map(\.slug)).count)
        #expect(page.hasMore == recorded.hasMore)
        for card in recorded.cards {
            let doctor = try #require(page.doctors[card.slug])
            #expect(Set(doctor.earliest.keys) == Set(card.centers.map(\.id)))
            #expect(doctor.onlinePriceRial == card.onlinePriceRial, "the card's online price comes along")
            for center in card.centers where !center.isOnlineVisit {
                #expect(doctor.earliest[center.id] == .some(center.freeTurn ?? card.freeTurn(atCenter: center.id)))
            }
        }
        // At least one card of the recording shows an earliest free time.
        #expect(page.doctors.values.contains { $0.earliest.values.contains { $0 != nil } })
        #expect(page.doctors.values.contains { $0.onlinePriceRial != nil }, "the recording shows at least one online price")
    }

    @Test("the online center falls back to consult_freeturn; a center without a time reads as none")
    func onlineFallback() async throws {
        let consult = Date(timeIntervalSince1970: 1_800_000_000)
        let card = DoctorSearchCard(
            slug: "dr", centers: [DoctorSearchCenter(id: "5532"), DoctorSearchCenter(id: "c-1")], consultFreeTurn: consult)
        let search = DoctorSearchPage(total: 1, page: 1, limit: 50, cards: [card])
        let source = Paziresh24ProbeSource(client: SearchingPaziresh24(search))
        let page = try await source.page(ProbeQuery(group: ProbeGroupKey(city: "ir", specialty: "x"), page: 1))
        #expect(page.doctors["dr"]?.earliest["5532"] == .some(consult))
        #expect(page.doctors["dr"]?.earliest["c-1"] == .some(nil))
        #expect(page.doctors["dr"]?.earliest["c-2"] == nil)
        #expect(!page.hasMore)
    }
}
