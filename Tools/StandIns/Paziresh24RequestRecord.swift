/// One request the stand-in answered (`GET /control/requests`); control calls are not logged.
public struct Paziresh24RequestRecord: Sendable, Hashable, Codable {
    /// 1, 2, 3… in arrival order (filter with `?since=`).
    public var seq: Int
    /// Arrival time, RFC 3339 UTC with milliseconds.
    public var time: String
    /// Arrival time, Unix milliseconds.
    public var unixMs: Int64
    /// Method.
    public var method: String
    /// Percent-decoded path.
    public var path: String
    /// Query parameters.
    public var query: [String: String]
    /// `Content-Type` header.
    public var contentType: String?
    /// Form fields of a form-encoded body.
    public var form: [String: String]
    /// Body size in bytes.
    public var bodyBytes: Int
    /// Header fields, names lower-cased (last value wins).
    public var headers: [String: String]
    /// `<center id>:<service id>` or `profile:<slug>` when the request names one.
    public var target: String?
    /// HTTP status answered.
    public var status: Int
    /// The `status` field of a paziresh24 JSON envelope answered, if any.
    public var paziresh24Status: Int?
    /// The injected fault that produced the answer, if any.
    public var fault: String?
    /// `true` for a slot-hold or booking endpoint: SlotHunter must never send one.
    public var forbidden: Bool
    /// Time to answer, milliseconds (latency and hangs included).
    public var durationMs: Int
    /// The endpoint: `fullProfile`, `getFreeDays`, `search`, `availability`, `slugProfile`,
    /// `forbidden` or `unknown` (as counted by `GET /control/requests/counts`).
    public var endpoint: String?

    enum CodingKeys: String, CodingKey {
        case seq, time, method, path, query, form, headers, target, status, fault, forbidden, endpoint
        case unixMs = "unix_ms"
        case contentType = "content_type"
        case bodyBytes = "body_bytes"
        case paziresh24Status = "paziresh24_status"
        case durationMs = "duration_ms"
    }
}
