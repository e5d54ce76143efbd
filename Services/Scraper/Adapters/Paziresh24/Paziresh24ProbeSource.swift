import Foundation
import Paziresh24
import ScraperDomain

/// `ProbeSource` over paziresh24's search (`/seapi/v1/search/{city}/{specialty}`, 50 cards a
/// page): each card's centers with their earliest free time (`freeturns_info`); the online
/// center `5532` falls back to the card's `consult_freeturn` when `freeturns_info` has no entry;
/// the card's online-visit price (`consult_services[0].free_price`, Rial) comes along.
public struct Paziresh24ProbeSource: ProbeSource {
    let client: any Paziresh24Fetching

    /// Creates the adapter.
    public init(client: any Paziresh24Fetching) {
        self.client = client
    }

    public func page(_ query: ProbeQuery) async throws -> ProbePage {
        let search = DoctorSearchQuery(
            city: query.group.city, specialty: query.group.specialty, page: query.page, limit: DoctorSearchQuery.maxLimit)
        do {
            return Self.probePage(try await client.searchDoctors(search))
        } catch {
            throw Paziresh24FreeSlotSource.sourceError(error)
        }
    }

    /// The domain view of a search page.
    static func probePage(_ page: DoctorSearchPage) -> ProbePage {
        var doctors: [String: ProbePage.Doctor] = [:]
        for card in page.cards {
            var earliest: [String: Date?] = [:]
            for center in card.centers {
                var time = center.freeTurn ?? card.freeTurn(atCenter: center.id)
                if time == nil, center.isOnlineVisit { time = card.consultFreeTurn }
                earliest[center.id] = .some(time)
            }
            doctors[card.slug] = ProbePage.Doctor(earliest: earliest, onlinePriceRial: card.onlinePriceRial)
        }
        return ProbePage(doctors: doctors, hasMore: page.hasMore)
    }
}
