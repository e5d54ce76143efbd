import Dispatch
import Foundation

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The one outbound HTTP client of SlotHunter (paziresh24 and the Telegram Bot API), over
/// `URLSession` (FoundationNetworking on Linux).
///
/// Cancellation never blocks: `URLSession.data(for:)` is not used, because its cancellation
/// handler calls `URLSessionTask.cancel()` while the concurrency runtime holds the task's status
/// lock, and FoundationNetworking may at that moment complete the same task on its work queue
/// and need that lock: a deadlock (swift-corelibs-foundation #5412, fixed by PR #5417, not in
/// our toolchain). Here a request is a `dataTask(with:completionHandler:)`; on cancellation the
/// caller is resumed at once with `HTTPClientError.Kind.cancelled` and the data task is cancelled
/// later from a private dispatch queue.
public final class HTTPSessionClient: Sendable {
    /// How the session behaves.
    public struct Options: Sendable {
        /// Parallel connections per host (a Telegram long poll holds one for its whole timeout).
        public var maxConnectionsPerHost: Int
        /// Whether redirects are followed by URLSession; when false a 3xx comes back as the answer.
        public var followsRedirects: Bool
        /// Whether the system proxy settings apply; when false the session connects directly.
        public var usesSystemProxy: Bool

        /// Creates options; defaults: 8 connections per host, redirects followed, system proxy.
        public init(maxConnectionsPerHost: Int = 8, followsRedirects: Bool = true, usesSystemProxy: Bool = true) {
            self.maxConnectionsPerHost = maxConnectionsPerHost
            self.followsRedirects = followsRedirects
            self.usesSystemProxy = usesSystemProxy
        }
    }

    private let session: URLSession
    private let ownsSession: Bool
    /// Where data tasks are cancelled: never on the thread running a cancellation handler.
    private let cancelQueue = DispatchQueue(label: "HTTPClient.HTTPSessionClient.cancel")

    /// Creates a client with its own ephemeral session: no cookies, no cache.
    public init(options: Options = Options()) {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieStorage = nil
        configuration.httpShouldSetCookies = false
        configuration.urlCache = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        if !options.usesSystemProxy { configuration.connectionProxyDictionary = [:] }
        configuration.httpMaximumConnectionsPerHost = max(1, options.maxConnectionsPerHost)
        let delegate: (any URLSessionDelegate)? = options.followsRedirects ? nil : RedirectRefusal()
        session = URLSession(configuration: configuration, delegate: delegate, delegateQueue: nil)
        ownsSession = true
    }

    /// Uses the given session (its configuration and delegate as they are).
    public init(session: URLSession) {
        self.session = session
        ownsSession = false
    }

    deinit {
        if ownsSession { session.finishTasksAndInvalidate() }
    }

    /// Sends the request and returns the answer, whatever its status.
    /// - Throws: `HTTPClientError`: `.timedOut` after `request.timeout` without an answer,
    ///   `.cancelled` as soon as the calling task is cancelled, `.transport` otherwise.
    public func send(_ request: HTTPClientRequest) async throws(HTTPClientError) -> HTTPClientResponse {
        if Task.isCancelled { throw HTTPClientError(.cancelled) }
        let urlRequest = Self.urlRequest(request)
        let exchange = HTTPExchange()
        let session = self.session
        let cancelQueue = self.cancelQueue
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { (continuation: HTTPExchange.Continuation) in
                    let task = session.dataTask(with: urlRequest) { data, response, error in
                        exchange.complete(Self.result(data: data, response: response, error: error))
                    }
                    if exchange.start(task, continuation: continuation) { task.resume() }
                }
            } onCancel: {
                exchange.cancel(on: cancelQueue)
            }
        } catch let error as HTTPClientError {
            throw error
        } catch {
            throw HTTPClientError(.transport(code: URLError.Code.unknown.rawValue, name: "\(type(of: error))"))
        }
    }

    private static func urlRequest(_ request: HTTPClientRequest) -> URLRequest {
        var urlRequest = URLRequest(url: request.url)
        urlRequest.httpMethod = request.method
        let (seconds, attoseconds) = request.timeout.components
        urlRequest.timeoutInterval = max(Double(seconds) + Double(attoseconds) / 1e18, 0.001)
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        urlRequest.httpBody = request.body
        return urlRequest
    }

    private static func result(
        data: Data?, response: URLResponse?, error: (any Error)?
    )
        -> Result<HTTPClientResponse, HTTPClientError>
    {
        if let error {
            let code = (error as? URLError)?.code ?? .unknown
            switch code {
            case .timedOut: return .failure(HTTPClientError(.timedOut))
            case .cancelled: return .failure(HTTPClientError(.cancelled))
            default: return .failure(HTTPClientError(.transport(code: code.rawValue, name: name(of: code))))
            }
        }
        guard let http = response as? HTTPURLResponse else {
            return .failure(HTTPClientError(.transport(code: URLError.Code.badServerResponse.rawValue, name: "not an HTTP response")))
        }
        let headers = http.allHeaderFields.compactMap { key, value -> (String, String)? in
            guard let name = key as? String else { return nil }
            return (name, "\(value)")
        }
        return .success(HTTPClientResponse(status: http.statusCode, headers: headers, body: data ?? Data()))
    }

    /// `"URLError -1004 (cannot connect to host)"`: a label without the URL.
    public static func name(of code: URLError.Code) -> String {
        let names: [URLError.Code: String] = [
            .cancelled: "cancelled",
            .timedOut: "timed out",
            .badURL: "bad URL",
            .unsupportedURL: "unsupported URL",
            .cannotFindHost: "cannot find host",
            .cannotConnectToHost: "cannot connect to host",
            .networkConnectionLost: "network connection lost",
            .dnsLookupFailed: "DNS lookup failed",
            .notConnectedToInternet: "not connected to internet",
            .badServerResponse: "bad server response",
            .zeroByteResource: "zero byte resource",
            .cannotParseResponse: "cannot parse response",
            .secureConnectionFailed: "secure connection failed",
            .serverCertificateUntrusted: "server certificate untrusted",
        ]
        return "URLError \(code.rawValue) (\(names[code] ?? "other"))"
    }
}

/// Hands every redirect back unfollowed: the caller decides (paziresh24 follows redirects itself,
/// through its allowlist; Linux Foundation also drops the body when it re-sends a POST after a 307).
private final class RedirectRefusal: NSObject, URLSessionTaskDelegate, Sendable {
    func urlSession(
        _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
        newRequest request: URLRequest, completionHandler: @escaping @Sendable (URLRequest?) -> Void
    ) {
        completionHandler(nil)
    }
}
