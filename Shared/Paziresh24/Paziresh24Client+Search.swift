import Foundation

extension Paziresh24Client {
    /// One page of paziresh24's doctor search: `GET {apigw}/seapi/v1/search/{city}[/{specialty}]`.
    ///
    /// Goes through `perform` like every other read: the allowlist check, the recorded headers,
    /// retries, the API gateway's host breaker (no target breaker: a search names no target) and
    /// the same in-flight limiter as getFreeDays and full-profile.
    /// - Throws: `.invalidInput` for a bad query (before sending) or when the site answers 404
    ///   (an unknown city or specialty slug); `.httpStatus`, `.malformedResponse` and the
    ///   transport's errors otherwise.
    public func searchDoctors(_ query: DoctorSearchQuery) async throws(Paziresh24Error) -> DoctorSearchPage {
        try query.validate()
        let context = "search \(query.route) page \(query.page)"
        guard let url = Self.url(configuration.apiGatewayURL, query.path + "?" + query.percentEncodedQuery) else {
            throw Paziresh24Error(.invalidInput("cannot build a search URL"), context: context)
        }
        let response = try await perform(method: "GET", url: url, form: nil, targetKey: nil)
        switch response.status {
        case 200..<300:
            do {
                return try DoctorSearchPage.decode(response.body)
            } catch var error {
                error.context = context
                throw error
            }
        case 404:
            throw Paziresh24Error(.invalidInput("unknown city or specialty slug: \(query.route)"), context: context)
        default:
            throw Paziresh24Error(.httpStatus(response.status), context: context)
        }
    }
}
