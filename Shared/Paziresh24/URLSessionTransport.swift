import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// `HTTPTransport` over `URLSession`: no cookies, no cache, no system proxy, and redirects
/// returned as answers (the client follows them through its allowlist).
public final class URLSessionTransport: HTTPTransport {
    private let session: URLSession

    /// Creates a transport with its own ephemeral session.
    public init() {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        // The recorded client ignores proxy environment variables; so do we.
        configuration.connectionProxyDictionary = [:]
        configuration.httpMaximumConnectionsPerHost = 8
        session = URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }

    deinit {
        session.finishTasksAndInvalidate()
    }

    /// Sends the request; `.timeout` after `request.timeout` without an answer.
    public func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        // Second line of defence: the client already checked the allowlist with the full URL.
        let path = URLComponents(url: request.url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        guard Paziresh24Allowlist.endpoint(method: request.method, percentEncodedPath: path) == request.endpoint else {
            throw Paziresh24Error(.forbiddenEndpoint(request.description))
        }
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        urlRequest.timeoutInterval = max(request.timeout.seconds, 0.001)
        for (name, value) in request.headers {
            urlRequest.setValue(value, forHTTPHeaderField: name)
        }
        urlRequest.httpBody = request.body
        do {
            let (data, response) = try await session.data(for: urlRequest)
            guard let http = response as? HTTPURLResponse else {
                throw Paziresh24Error(.transport("not an HTTP response"), context: request.description)
            }
            let headers = http.allHeaderFields.compactMap { key, value -> (String, String)? in
                guard let name = key as? String else { return nil }
                return (name, "\(value)")
            }
            return HTTPTransportResponse(status: http.statusCode, headers: headers, body: data)
        } catch let error as Paziresh24Error {
            throw error
        } catch let error as URLError {
            switch error.code {
            case .timedOut: throw Paziresh24Error(.timeout, context: request.description)
            case .cancelled: throw Paziresh24Error(.cancelled, context: request.description)
            default: throw Paziresh24Error(.transport("\(error.code.rawValue): \(error.localizedDescription)"), context: request.description)
            }
        } catch is CancellationError {
            throw Paziresh24Error(.cancelled, context: request.description)
        } catch {
            throw Paziresh24Error(.transport(String(describing: error)), context: request.description)
        }
    }
}

/// Hands every redirect back to the client unfollowed: `Paziresh24Client` follows redirects
/// itself, through the allowlist (host included). Following here would bypass that check, and
/// Linux Foundation also drops the body when it re-sends a POST after a 307.
private final class NoRedirects: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
