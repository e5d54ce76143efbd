import Foundation

/// A request that passed the read-only allowlist.
///
/// The initialiser is internal: outside this module nobody can build one, and inside it the only
/// caller is `Paziresh24Client.perform`, right after `Paziresh24Allowlist.check`.
public struct HTTPTransportRequest: Sendable, CustomStringConvertible {
    /// `GET` or `POST`.
    public let method: String
    /// Absolute URL.
    public let url: URL
    /// Header fields in sending order.
    public let headers: [(String, String)]
    /// The body (a form for POST), nil for GET.
    public let body: Data?
    /// Give up after this long without an answer.
    public let timeout: Duration
    /// The allowlisted endpoint this request calls.
    public let endpoint: Paziresh24Allowlist.Endpoint

    init(
        method: String, url: URL, headers: [(String, String)], body: Data?, timeout: Duration,
        endpoint: Paziresh24Allowlist.Endpoint
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
        self.endpoint = endpoint
    }

    /// The last value of a header, name compared case-insensitively.
    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.0.lowercased() == wanted }?.1
    }

    /// Fields of the form body, in order (empty for GET).
    public var formFields: [(String, String)] {
        guard let body else { return [] }
        return FormEncoding.decode(String(decoding: body, as: UTF8.self))
    }

    /// `METHOD url`.
    public var description: String { "\(method) \(url.absoluteString)" }
}
