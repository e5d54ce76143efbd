import Foundation
import HTTPClient

/// `HTTPTransport` over the shared `HTTPSessionClient`: no cookies, no cache, no system proxy,
/// and redirects returned as answers (the client follows them through its allowlist).
/// Cancellation never blocks (see `HTTPSessionClient`).
public final class URLSessionTransport: HTTPTransport {
    private let client: HTTPSessionClient

    /// Creates a transport with its own ephemeral session.
    public init() {
        // The recorded client ignores proxy environment variables; so do we.
        client = HTTPSessionClient(
            options: .init(maxConnectionsPerHost: 8, followsRedirects: false, usesSystemProxy: false))
    }

    /// Sends the request; `.timeout` after `request.timeout` without an answer.
    public func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        // Second line of defence: the client already checked the allowlist with the full URL.
        let path = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        guard Paziresh24Allowlist.endpoint(method: request.method, percentEncodedPath: path) == request.endpoint else {
            throw Paziresh24Error(.forbiddenEndpoint(request.description))
        }
        let outbound = HTTPClientRequest(
            method: request.method, url: request.url, headers: request.headers, body: request.body,
            timeout: request.timeout)
        do {
            let response = try await client.send(outbound)
            return HTTPTransportResponse(status: response.status, headers: response.headers, body: response.body)
        } catch {
            switch error.kind {
            case .timedOut: throw Paziresh24Error(.timeout, context: request.description)
            case .cancelled: throw Paziresh24Error(.cancelled, context: request.description)
            case .transport: throw Paziresh24Error(.transport(error.description), context: request.description)
            }
        }
    }
}
