import Foundation

/// One page of paziresh24's own doctor search: `GET {apigw}/seapi/v1/search/{city}[/{specialty}]`.
///
/// Read-only and public (the site's search page calls it without cookies). Query parameters, as
/// the recorded client sends them: `page` (1-based), `limit` (the site caps it at 50), `text`
/// (free Persian text, e.g. a doctor's name), `sortBy` (e.g. `clinic_first_freeturn`: nearest free
/// time first) and `turn_type` (`consult` = online visits, `non-consult` = office visits).
/// `city` `ir` means all of Iran. The specialty segment is optional, as in the recorded client
/// (a name search across every specialty is `/seapi/v1/search/ir?text=…`).
public struct DoctorSearchQuery: Sendable, Hashable {
    /// `turn_type`.
    public enum TurnType: String, Sendable, Hashable, CaseIterable {
        /// Online visits (center 5532).
        case consult
        /// Office visits.
        case nonConsult = "non-consult"
    }

    /// The most cards the site answers per page; a larger `limit` is clamped to it.
    public static let maxLimit = 50
    /// The longest `text` sent (the recorded client allows 100 characters).
    public static let maxTextLength = 100
    /// The longest city or specialty slug accepted.
    public static let maxSlugLength = 80
    /// `sortBy` for "nearest free time first".
    public static let earliestFreeTurnSort = "clinic_first_freeturn"
    /// The query parameter names the allowlist accepts on the search endpoint.
    public static let parameterNames: Set<String> = ["page", "limit", "text", "sortBy", "turn_type"]

    /// City slug (`tehran`, `isfahan`…; `ir` = all of Iran): ASCII letters, digits and `-`.
    public var city: String
    /// Specialty slug (`cardiovascular`, `exp-cardiovascular-diseases`…), or nil for every specialty.
    public var specialty: String?
    /// Free text (a doctor's name); nil or blank sends none.
    public var text: String?
    /// 1-based page.
    public var page: Int
    /// Cards per page, 1…50 (more is clamped to 50).
    public var limit: Int
    /// `sortBy`, e.g. `earliestFreeTurnSort`; nil sends none (the site's default order).
    public var sortBy: String?
    /// `turn_type`, nil for both kinds.
    public var turnType: TurnType?

    /// Creates a query.
    public init(
        city: String = "ir", specialty: String? = nil, text: String? = nil, page: Int = 1, limit: Int = maxLimit,
        sortBy: String? = nil, turnType: TurnType? = nil
    ) {
        self.city = city
        self.specialty = specialty
        self.text = text
        self.page = page
        self.limit = limit
        self.sortBy = sortBy
        self.turnType = turnType
    }

    /// `limit` as sent: clamped to `maxLimit`.
    public var effectiveLimit: Int { min(limit, Self.maxLimit) }

    /// Whether `text` is a city or specialty slug: 1…80 ASCII letters, digits and `-`.
    public static func isSlug(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maxSlugLength
            && text.utf8.allSatisfy { byte in
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                    || byte == 0x2D
            }
    }

    /// Whether `text` is a `sortBy` value: 1…80 ASCII letters, digits, `_` and `-`.
    static func isSortKey(_ text: String) -> Bool {
        !text.isEmpty && text.utf8.count <= maxSlugLength
            && text.unicodeScalars.allSatisfy {
                $0.isASCII && ($0 == "_" || $0 == "-" || $0.properties.isAlphabetic || ("0"..."9").contains($0))
            }
    }

    /// `text` trimmed, nil when blank.
    var trimmedText: String? {
        guard let trimmed = text?.trimmingCharacters(in: .whitespacesAndNewlines), !trimmed.isEmpty else { return nil }
        return trimmed
    }

    /// Checks every field.
    /// - Throws: `.invalidInput` naming the bad field.
    func validate() throws(Paziresh24Error) {
        guard Self.isSlug(city) else { throw Paziresh24Error(.invalidInput("city is not a slug: \(city.prefix(80))")) }
        if let specialty, !Self.isSlug(specialty) {
            throw Paziresh24Error(.invalidInput("specialty is not a slug: \(specialty.prefix(80))"))
        }
        guard page >= 1 else { throw Paziresh24Error(.invalidInput("page must be 1 or more, not \(page)")) }
        guard limit >= 1 else { throw Paziresh24Error(.invalidInput("limit must be 1 or more, not \(limit)")) }
        if let sortBy, !Self.isSortKey(sortBy) {
            throw Paziresh24Error(.invalidInput("sortBy is not a sort key: \(sortBy.prefix(80))"))
        }
        if let text = trimmedText {
            guard text.count <= Self.maxTextLength else {
                throw Paziresh24Error(.invalidInput("text longer than \(Self.maxTextLength) characters"))
            }
            guard !text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw Paziresh24Error(.invalidInput("text contains control characters"))
            }
        }
    }

    /// `/seapi/v1/search/{city}[/{specialty}]` (slugs need no escaping).
    var path: String {
        "/seapi/v1/search/\(city)" + (specialty.map { "/\($0)" } ?? "")
    }

    /// The query string, parameters in a fixed order, every value percent-encoded (RFC 3986
    /// unreserved characters only are left as is, so Persian text, `+`, `&` and `=` are escaped).
    var percentEncodedQuery: String {
        var items: [(String, String)] = [("page", String(page)), ("limit", String(effectiveLimit))]
        if let text = trimmedText { items.append(("text", text)) }
        if let sortBy { items.append(("sortBy", sortBy)) }
        if let turnType { items.append(("turn_type", turnType.rawValue)) }
        return items.map { "\($0.0)=\(Self.escape($0.1))" }.joined(separator: "&")
    }

    static func escape(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: DoctorSlug.pathSegmentAllowed) ?? ""
    }

    /// `city/specialty`, for error contexts.
    var route: String { city + (specialty.map { "/\($0)" } ?? "") }
}
