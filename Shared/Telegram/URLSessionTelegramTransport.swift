import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `TelegramTransport` over `URLSession` (FoundationNetworking on Linux).
public final class URLSessionTelegramTransport: TelegramTransport {
    private let session: URLSession

    /// Uses an ephemeral session allowing `maxConnections` parallel connections per host
    /// (a long poll holds one for its whole timeout).
    public init(maxConnections: Int = 16) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpMaximumConnectionsPerHost = maxConnections
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.urlCache = nil
        self.session = URLSession(configuration: configuration)
    }

    /// Uses the given session.
    public init(session: URLSession) {
        self.session = session
    }

    /// Sends with `URLSession.data(for:)`; the request timeout is `request.timeout`.
    public func send(_ request: TelegramHTTPRequest) async throws -> TelegramHTTPResponse {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.httpMethod
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        let (seconds, attoseconds) = request.timeout.components
        urlRequest.timeoutInterval = Double(seconds) + Double(attoseconds) / 1e18
        let (data, response) = try await session.data(for: urlRequest)
        guard let http = response as? HTTPURLResponse else {
            throw URLError(.badServerResponse)
        }
        return TelegramHTTPResponse(status: http.statusCode, body: data)
    }
}
