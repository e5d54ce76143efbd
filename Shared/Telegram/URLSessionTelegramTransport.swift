import Foundation
import HTTPClient

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `TelegramTransport` over the shared `HTTPSessionClient` (cancellation never blocks; see there).
public final class URLSessionTelegramTransport: TelegramTransport {
    private let client: HTTPSessionClient

    /// Uses an ephemeral session allowing `maxConnections` parallel connections per host
    /// (a long poll holds one for its whole timeout).
    public init(maxConnections: Int = 16) {
        client = HTTPSessionClient(options: .init(maxConnectionsPerHost: maxConnections))
    }

    /// Uses the given session.
    public init(session: URLSession) {
        client = HTTPSessionClient(session: session)
    }

    /// Sends the request; the request timeout is `request.timeout`. Failures are thrown as
    /// `URLError` (with the code only, never the URL) or `CancellationError`.
    public func send(_ request: TelegramHTTPRequest) async throws -> TelegramHTTPResponse {
        let outbound = HTTPClientRequest(
            method: request.httpMethod, url: request.url, headers: request.headers.map { ($0.key, $0.value) },
            body: request.body, timeout: request.timeout)
        do {
            let response = try await client.send(outbound)
            return TelegramHTTPResponse(status: response.status, body: response.body)
        } catch {
            switch error.kind {
            case .timedOut: throw URLError(.timedOut)
            case .cancelled: throw CancellationError()
            case .transport(let code, _): throw URLError(URLError.Code(rawValue: code) ?? .unknown)
            }
        }
    }
}
