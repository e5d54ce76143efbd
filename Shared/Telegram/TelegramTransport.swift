import Foundation

/// One HTTP exchange with the Bot API, kept abstract so clients can be tested without a network.
public protocol TelegramTransport: Sendable {
    /// Sends the request and returns the HTTP answer, whatever its status.
    /// Throw `URLError` (or `TelegramError`) when no answer arrived; `URLError.timedOut` maps to
    /// `TelegramError.Kind.timeout`. The request URL contains the token: never put it in errors.
    func send(_ request: TelegramHTTPRequest) async throws -> TelegramHTTPResponse
}

/// A request as handed to a `TelegramTransport`.
public struct TelegramHTTPRequest: Sendable {
    /// `<base>/bot<token>/<method>`: secret.
    public var url: URL
    /// Always `POST`.
    public var httpMethod: String
    /// Header fields (`Content-Type: application/json`).
    public var headers: [String: String]
    /// JSON body.
    public var body: Data
    /// How long to wait for the answer.
    public var timeout: Duration

    /// Creates a request.
    public init(url: URL, httpMethod: String = "POST", headers: [String: String], body: Data, timeout: Duration) {
        self.url = url
        self.httpMethod = httpMethod
        self.headers = headers
        self.body = body
        self.timeout = timeout
    }
}

/// An HTTP answer as returned by a `TelegramTransport`.
public struct TelegramHTTPResponse: Sendable {
    /// HTTP status code.
    public var status: Int
    /// Body bytes.
    public var body: Data

    /// Creates a response.
    public init(status: Int, body: Data) {
        self.status = status
        self.body = body
    }
}
