import Foundation

extension Paziresh24Client {
    /// Resolves a profile URL or slug with `GET /api/full-profile/{slug}/`.
    public func resolveDoctor(_ slugOrProfileURL: String) async throws(Paziresh24Error) -> DoctorProfile {
        guard let slug = DoctorSlug.parse(slugOrProfileURL) else {
            throw Paziresh24Error(.invalidInput("not a paziresh24 profile URL or slug: \(slugOrProfileURL.prefix(200))"))
        }
        let segment = slug.addingPercentEncoding(withAllowedCharacters: DoctorSlug.pathSegmentAllowed) ?? slug
        guard let url = Self.url(configuration.profileURL, "/api/full-profile/\(segment)/") else {
            throw Paziresh24Error(.invalidInput("cannot build a profile URL for \(slug)"))
        }
        let context = "full-profile \(slug)"
        let response = try await perform(method: "GET", url: url, form: nil, targetKey: nil)
        switch response.status {
        case 200..<300:
            do {
                return try DoctorProfile.decodeFullProfile(response.body)
            } catch var error {
                error.context = context
                throw error
            }
        case 404, 410:
            throw Paziresh24Error(.doctorNotFound, context: context)
        default:
            throw Paziresh24Error(.httpStatus(response.status), context: context)
        }
    }

    /// The free slots of one (center, service): one getFreeDays call (plus retries).
    public func freeSlots(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> [FreeSlot] {
        try await freeSlotsAnswer(query).slots
    }

    /// The whole slot-mode getFreeDays answer: slots plus the calendar of free days (for "next
    /// free day" messages). Status 32 gives an empty answer.
    public func freeSlotsAnswer(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> FreeSlotsAnswer {
        for (name, value) in query.formFields where value.trimmingCharacters(in: .whitespaces).isEmpty {
            throw Paziresh24Error(.invalidInput("empty \(name)"), context: query.targetKey)
        }
        guard let url = Self.url(configuration.apiGatewayURL, "/booking/v2/getFreeDays") else {
            throw Paziresh24Error(.invalidInput("bad API gateway URL"))
        }
        let context = "getFreeDays \(query.targetKey)"
        let response = try await perform(method: "POST", url: url, form: query.formFields, targetKey: query.targetKey)
        guard (200..<300).contains(response.status) else {
            throw Paziresh24Error(.httpStatus(response.status), context: context)
        }
        guard !response.body.isEmpty else {
            throw Paziresh24Error(.malformedResponse("empty body (HTTP \(response.status))"), context: context)
        }
        do {
            return try FreeSlotsAnswer.decode(response.body)
        } catch var error {
            error.context = context
            throw error
        }
    }
}
