import Foundation

/// One parsed HTTP/1.1 request, body fully read (Content-Length or chunked).
public struct HTTPRequest: Sendable {
    /// Request method as sent, upper case by convention (`GET`, `POST`...).
    public var method: String
    /// Percent-decoded path without the query string, e.g. `/bot123:abc/getUpdates`.
    public var path: String
    /// Decoded query parameters; on repeated names the last one wins.
    public var query: [String: String]
    /// The raw query string after `?`, if the target had one.
    public var rawQuery: String?
    /// Header fields in arrival order; use `header(_:)` for case-insensitive lookup.
    public var headers: [(String, String)]
    /// The request body (de-chunked).
    public var body: [UInt8]
    /// `HTTP/1.1` or `HTTP/1.0`.
    public var version: String

    /// Creates a request (used by the server and by tests calling handlers directly).
    public init(
        method: String, path: String, query: [String: String] = [:], rawQuery: String? = nil,
        headers: [(String, String)] = [], body: [UInt8] = [], version: String = "HTTP/1.1"
    ) {
        self.method = method
        self.path = path
        self.query = query
        self.rawQuery = rawQuery
        self.headers = headers
        self.body = body
        self.version = version
    }

    /// The last value of a header field, name compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.0.lowercased() == wanted }?.1
    }

    /// The body as UTF-8 text (invalid sequences repaired).
    public var bodyText: String { String(decoding: body, as: UTF8.self) }

    /// Fields of an `application/x-www-form-urlencoded` body (empty for other content types).
    public var formValues: [String: String] {
        guard let type = header("Content-Type")?.lowercased(),
            type.hasPrefix("application/x-www-form-urlencoded")
        else { return [:] }
        return Self.decodeForm(bodyText)
    }

    /// The body parsed with `JSONSerialization`, or nil when it is empty or not JSON.
    public func jsonObject() -> Any? {
        guard !body.isEmpty else { return nil }
        return try? JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
    }

    /// The body decoded as `T` with a default `JSONDecoder`.
    public func decodeJSON<T: Decodable>(_ type: T.Type) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(body))
    }

    /// Decodes `a=1&b=x+y` pairs: `+` means space, percent escapes decoded, last name wins.
    public static func decodeForm(_ text: String) -> [String: String] {
        var result: [String: String] = [:]
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = formDecode(parts[0])
            let value = parts.count > 1 ? formDecode(parts[1]) : ""
            result[name] = value
        }
        return result
    }

    private static func formDecode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
