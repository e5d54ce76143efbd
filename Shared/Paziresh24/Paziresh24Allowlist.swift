import Foundation

/// The complete list of paziresh24 endpoints SlotHunter may call: three read-only ones.
///
/// Every request of `Paziresh24Client` is checked here before it is built; anything else (any
/// other path, method, host, a query string outside the search's own parameters, dot segments, an
/// encoded `/` inside the slug) is refused with `.forbiddenEndpoint` and never reaches the network.
/// Slot holds and bookings are absent on purpose: SlotHunter never holds or books a slot, it only
/// reads profiles, free days and search cards.
public enum Paziresh24Allowlist {
    /// An allowed endpoint.
    public enum Endpoint: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
        /// `GET drprofile /api/full-profile/{slug}/`: a doctor's public profile, centers and services.
        case fullProfile
        /// `POST apigw /booking/v2/getFreeDays`: free days and free slots of one center/service.
        case getFreeDays
        /// `GET apigw /seapi/v1/search/{city}[/{specialty}]?page&limit&text&sortBy&turn_type`: up to
        /// 50 doctor cards with each center's earliest free time.
        case search

        /// The only method allowed on the endpoint.
        public var method: String {
            switch self {
            case .fullProfile: "GET"
            case .getFreeDays: "POST"
            case .search: "GET"
            }
        }

        /// `METHOD path-pattern`.
        public var description: String {
            switch self {
            case .fullProfile: "GET /api/full-profile/{slug}/"
            case .getFreeDays: "POST /booking/v2/getFreeDays"
            case .search: "GET /seapi/v1/search/{city}[/{specialty}]"
            }
        }
    }

    /// Checks a full request target against the configured hosts.
    /// - Returns: the endpoint it calls.
    /// - Throws: `.forbiddenEndpoint` for anything outside the allowlist.
    public static func check(
        method: String, url: URL, configuration: Paziresh24Configuration
    )
        throws(Paziresh24Error) -> Endpoint
    {
        let refusal = Paziresh24Error(.forbiddenEndpoint("\(method) \(url.absoluteString)"))
        guard let components = URLComponents(url: url, resolvingAgainstBaseURL: false),
            components.fragment == nil, components.user == nil, components.password == nil
        else { throw refusal }
        guard let endpoint = endpoint(method: method, percentEncodedPath: components.percentEncodedPath)
        else { throw refusal }
        // Only the search takes a query string, and only its own parameters.
        if endpoint == .search {
            guard let query = components.percentEncodedQuery, isSearchQuery(query) else { throw refusal }
        } else {
            guard components.query == nil else { throw refusal }
        }
        let base: URL
        switch endpoint {
        case .fullProfile: base = configuration.profileURL
        case .getFreeDays, .search: base = configuration.apiGatewayURL
        }
        guard sameOrigin(url, base) else { throw refusal }
        let basePath = normalisedBasePath(base)
        let path = components.percentEncodedPath
        switch endpoint {
        case .getFreeDays:
            guard path == basePath + "/booking/v2/getFreeDays" else { throw refusal }
        case .fullProfile:
            let prefix = basePath + "/api/full-profile/"
            guard path.hasPrefix(prefix) else { throw refusal }
            let slugSegment = path.dropFirst(prefix.count)
            guard slugSegment.count > 1, slugSegment.hasSuffix("/"), !slugSegment.dropLast().contains("/")
            else { throw refusal }
        case .search:
            let prefix = basePath + "/seapi/v1/search/"
            guard path.hasPrefix(prefix) else { throw refusal }
            let slugs = path.dropFirst(prefix.count).split(separator: "/", omittingEmptySubsequences: false)
            guard (1...2).contains(slugs.count), slugs.allSatisfy({ DoctorSearchQuery.isSlug(String($0)) })
            else { throw refusal }
        }
        return endpoint
    }

    /// Which allowed endpoint a method and (percent-encoded) path call, ignoring the host, or nil.
    ///
    /// Used by the transport and its redirect guard as a second line of defence.
    public static func endpoint(method: String, percentEncodedPath path: String) -> Endpoint? {
        guard path.hasPrefix("/"), !path.contains("//") else { return nil }
        let raw = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var segments: [String] = []
        for segment in raw {
            guard let decoded = segment.removingPercentEncoding,
                decoded != ".", decoded != "..", !decoded.contains("/"), !decoded.contains("\\"),
                !decoded.contains("?"), !decoded.contains("#"),
                !decoded.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
            else { return nil }
            segments.append(decoded)
        }
        // A trailing "/" leaves one empty last segment; any other empty segment was refused above.
        if method == Endpoint.getFreeDays.method, segments.count >= 3,
            Array(segments.suffix(3)) == ["booking", "v2", "getFreeDays"]
        {
            return .getFreeDays
        }
        if method == Endpoint.fullProfile.method, segments.count >= 4, segments.last == "",
            Array(segments.suffix(4).prefix(2)) == ["api", "full-profile"], !segments[segments.count - 2].isEmpty
        {
            return .fullProfile
        }
        if method == Endpoint.search.method, let anchor = segments.lastIndex(of: "search"), anchor >= 2,
            segments[anchor - 2] == "seapi", segments[anchor - 1] == "v1",
            (1...2).contains(segments.count - anchor - 1),
            segments[(anchor + 1)...].allSatisfy(DoctorSearchQuery.isSlug)
        {
            return .search
        }
        return nil
    }

    /// Whether a percent-encoded query string holds only the search's parameters, each at most
    /// once: `page` and `limit` as positive integers (`limit` at most 50), `turn_type` one of
    /// `consult`/`non-consult`, `sortBy` a sort key, `text` any percent-encoded text.
    static func isSearchQuery(_ query: String) -> Bool {
        var seen: Set<String> = []
        for pair in query.split(separator: "&", omittingEmptySubsequences: false) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard parts.count == 2, let name = parts[0].removingPercentEncoding,
                DoctorSearchQuery.parameterNames.contains(name), seen.insert(name).inserted,
                let value = parts[1].removingPercentEncoding
            else { return false }
            switch name {
            case "page":
                guard isDigits(value), let page = Int(value), page >= 1 else { return false }
            case "limit":
                guard isDigits(value), let limit = Int(value), (1...DoctorSearchQuery.maxLimit).contains(limit) else {
                    return false
                }
            case "turn_type":
                guard DoctorSearchQuery.TurnType(rawValue: value) != nil else { return false }
            case "sortBy":
                guard DoctorSearchQuery.isSortKey(value) else { return false }
            default:  // text
                guard value.count <= DoctorSearchQuery.maxTextLength,
                    !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
                else { return false }
            }
        }
        return true
    }

    private static func isDigits(_ text: String) -> Bool {
        !text.isEmpty && text.count <= 9 && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }

    private static func sameOrigin(_ url: URL, _ base: URL) -> Bool {
        func origin(_ url: URL) -> String? {
            guard let scheme = url.scheme?.lowercased(), let host = url.host?.lowercased() else { return nil }
            let port = url.port ?? (scheme == "https" ? 443 : scheme == "http" ? 80 : -1)
            return "\(scheme)://\(host):\(port)"
        }
        guard let left = origin(url), let right = origin(base) else { return false }
        return left == right
    }

    private static func normalisedBasePath(_ base: URL) -> String {
        var path = URLComponents(url: base, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        while path.hasSuffix("/") { path.removeLast() }
        return path
    }
}
