import Foundation
import HTTPServer

/// Which paziresh24 endpoint a request is for.
enum Paziresh24StandInRoute: Equatable {
    /// drprofile `GET /api/full-profile/{slug}/`.
    case fullProfile(slug: String)
    /// apigw `POST /booking/v2/getFreeDays`.
    case getFreeDays
    /// saman `GET /v1/doctors/{slug}/availability-status`.
    case availability(slug: String)
    /// www `POST /api/slugProfile`.
    case slugProfile
    /// apigw `GET /seapi/v1/search/{city}[/{specialty}]`.
    case search(city: String, specialty: String?)
    /// Anything else.
    case unknown(isForbidden: Bool)

    init(_ request: HTTPRequest) {
        let segments = request.path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        switch segments.count {
        case 3 where segments[0] == "api" && segments[1] == "full-profile":
            self = .fullProfile(slug: segments[2])
        case 3 where segments == ["booking", "v2", "getFreeDays"]:
            self = .getFreeDays
        case 4 where segments[0] == "v1" && segments[1] == "doctors" && segments[3] == "availability-status":
            self = .availability(slug: segments[2])
        case 2 where segments == ["api", "slugProfile"]:
            self = .slugProfile
        case 4 where segments[0...2] == ["seapi", "v1", "search"]:
            self = .search(city: segments[3], specialty: nil)
        case 5 where segments[0...2] == ["seapi", "v1", "search"]:
            self = .search(city: segments[3], specialty: segments[4])
        default:
            self = .unknown(isForbidden: Self.namesAWriteEndpoint(request.path))
        }
    }

    /// Slot holds and bookings: answered 403 and flagged in the log, since SlotHunter must never call them.
    static func namesAWriteEndpoint(_ path: String) -> Bool {
        let lowered = path.lowercased()
        if lowered.contains("suspend") || lowered.contains("bookrequest") { return true }
        if let range = lowered.range(of: "getfreeturn"), !lowered[range.upperBound...].hasPrefix("s") { return true }
        return lowered.split(separator: "/").contains("book")
    }

    var isForbidden: Bool {
        if case .unknown(let forbidden) = self { return forbidden }
        return false
    }

    /// The endpoint's name in the request log and the per-endpoint counts (`GET /control/requests/counts`).
    var endpointName: String {
        switch self {
        case .fullProfile: "fullProfile"
        case .getFreeDays: "getFreeDays"
        case .availability: "availability"
        case .slugProfile: "slugProfile"
        case .search: "search"
        case .unknown(let forbidden): forbidden ? "forbidden" : "unknown"
        }
    }

    /// The fault scope of the request: `<center>:<service>` for getFreeDays, `profile:<slug>` for
    /// full-profile, `search` for every search.
    func target(_ request: HTTPRequest) -> String? {
        switch self {
        case .fullProfile(let slug):
            return "profile:\(slug)"
        case .getFreeDays:
            let form = request.formValues
            guard let center = form["center_id"], let service = form["service_id"] else { return nil }
            return "\(center):\(service)"
        case .search:
            return "search"
        default:
            return nil
        }
    }
}
