import Foundation

/// One HTTP request for an `HTTPSessionClient`.
public struct HTTPClientRequest: Sendable {
    /// `GET`, `POST`, ...
    public var method: String
    /// Absolute URL. May contain a secret (Telegram's token): never put it in an error.
    public var url: URL
    /// Header fields in sending order.
    public var headers: [(String, String)]
    /// The body, nil for none.
    public var body: Data?
    /// Give up after this long without any byte of the answer (URLSession's idle timeout).
    public var timeout: Duration

    /// Creates a request.
    public init(method: String, url: URL, headers: [(String, String)] = [], body: Data? = nil, timeout: Duration) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}
