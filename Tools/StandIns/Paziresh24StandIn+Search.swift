import Foundation
import HTTPServer

extension Paziresh24StandIn {
    /// `GET /seapi/v1/search/{city}[/{specialty}]`.
    ///
    /// With no doctor registered, the recorded route (`tehran/cardiovascular`, page 1, no text)
    /// answers `search_consult.json` byte-for-byte. Otherwise the page is built from the
    /// registered doctors (see `Paziresh24StandInState.searchHits` and
    /// `Paziresh24StandInResponses.searchPage`). Request checks (assumed; not recorded): `page`
    /// and `limit` must be positive integers when given (else 400), `limit` defaults to 10 and is
    /// capped at 50 as the site does, `turn_type` must be `consult` or `non-consult`; an unknown
    /// city or specialty slug answers 404 as the recorded client says the site does.
    func search(_ request: HTTPRequest, city: String, specialty: String?, now: Date) -> HTTPResponse {
        let query = request.query
        func positive(_ name: String, _ fallback: Int) -> Int?? {
            guard let text = query[name] else { return .some(fallback) }
            guard let value = Int(text), value >= 1 else { return .none }
            return .some(value)
        }
        guard case .some(let page?) = positive("page", 1), case .some(let requestedLimit?) = positive("limit", 10) else {
            return .json(400, Paziresh24StandInResponses.badRequest("page and limit must be positive integers"))
        }
        let turnType = query["turn_type"]
        if let turnType, turnType != "consult", turnType != "non-consult" {
            return .json(400, Paziresh24StandInResponses.badRequest("turn_type must be consult or non-consult"))
        }
        let limit = min(requestedLimit, 50)
        let searchRequest = Paziresh24StandInState.SearchRequest(
            city: city, specialty: specialty, text: query["text"], page: page, limit: limit, sortBy: query["sortBy"],
            turnType: turnType)
        let route = city + (specialty.map { "/\($0)" } ?? "")
        let outcome = state.withLock { state -> (known: Bool, recorded: Bool, hits: [Paziresh24StandInState.SearchHit]) in
            guard state.knowsSearchRoute(city: city, specialty: specialty) else { return (false, false, []) }
            let recorded =
                state.doctors.isEmpty && city == Paziresh24Fixture.searchCity
                && specialty == Paziresh24Fixture.searchSpecialty && page == 1 && (query["text"] ?? "").isEmpty
            return (true, recorded, recorded ? [] : state.searchHits(searchRequest, now: now))
        }
        guard outcome.known else { return .json(404, Paziresh24StandInResponses.searchNotFound(route)) }
        if outcome.recorded { return .json(200, Paziresh24Fixture.searchConsult.data) }
        let (offset, overflow) = (page - 1).multipliedReportingOverflow(by: limit)
        let start = overflow ? outcome.hits.count : min(offset, outcome.hits.count)
        let pageHits = Array(outcome.hits[start..<min(start + limit, outcome.hits.count)])
        return .json(
            200,
            Paziresh24StandInResponses.searchPage(
                pageHits, total: outcome.hits.count, page: page, limit: limit, city: city, specialty: specialty,
                turnType: turnType, now: now))
    }
}
