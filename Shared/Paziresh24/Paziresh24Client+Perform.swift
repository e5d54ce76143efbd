import CivilTime
import Foundation
import HTTPClient

extension Paziresh24Client {
    /// Redirect hops followed per call.
    static let maxRedirects = 3

    /// The single door to the network. Checks the allowlist, adds the recorded headers, then
    /// sends with retries, breakers and the in-flight cap. Redirects are followed here (never by
    /// the transport), each hop checked against the allowlist again.
    ///
    /// - Parameters:
    ///   - form: form fields for a POST (sent `application/x-www-form-urlencoded`), nil for GET.
    ///   - targetKey: the target breaker to use (`<center>:<service>`), nil for host-only.
    /// - Returns: the first answer that is neither 5xx, 408, 429 nor a followed redirect.
    func perform(
        method: String, url: URL, form: [(String, String)]?, targetKey: String?
    )
        async throws(Paziresh24Error) -> HTTPTransportResponse
    {
        var method = method
        var url = url
        var form = form
        var hops = 0
        while true {
            let request = try checkedRequest(method: method, url: url, form: form)
            let response = try await sendWithRetries(request, targetKey: targetKey)
            guard hops < Self.maxRedirects, let next = Self.redirect(response, method: method, url: url) else {
                return response
            }
            hops += 1
            (method, url) = next
            if method == "GET" { form = nil }
        }
    }

    /// The only place a request is built, right after the allowlist check.
    private func checkedRequest(
        method: String, url: URL, form: [(String, String)]?
    ) throws(Paziresh24Error)
        -> HTTPTransportRequest
    {
        let endpoint = try Paziresh24Allowlist.check(method: method, url: url, configuration: configuration)
        var headers = [
            ("User-Agent", configuration.userAgent), ("Accept", "application/json"),
            ("accept-timezone", TehranTime.identifier),
        ]
        var body: Data?
        if let form, method == "POST" {
            headers.append(("Content-Type", "application/x-www-form-urlencoded"))
            body = Data(FormEncoding.encode(form).utf8)
        }
        return HTTPTransportRequest(
            method: method, url: url, headers: headers, body: body, timeout: configuration.requestTimeout,
            endpoint: endpoint)
    }

    /// Where a 3xx answer points, with the method a browser would use (303, and 301/302 after a
    /// POST, become GET; 307/308 keep the method and body).
    static func redirect(_ response: HTTPTransportResponse, method: String, url: URL) -> (String, URL)? {
        guard [301, 302, 303, 307, 308].contains(response.status), let location = response.header("Location"),
            let target = URL(string: location, relativeTo: url)?.absoluteURL
        else { return nil }
        let keepsMethod = [307, 308].contains(response.status) || (method == "GET" && response.status != 303)
        return (keepsMethod ? method : "GET", target)
    }

    /// One request with retries, breakers and the in-flight cap.
    private func sendWithRetries(
        _ request: HTTPTransportRequest, targetKey: String?
    ) async throws(Paziresh24Error)
        -> HTTPTransportResponse
    {
        let url = request.url
        let endpoint = request.endpoint
        let context = targetKey.map { "\(endpoint) \($0)" } ?? "\(endpoint)"
        let hostKey = Self.hostKey(url)
        let attempts = max(1, configuration.maxAttempts)
        var lastError: Paziresh24Error?

        for attempt in 1...attempts {
            if Task.isCancelled { throw Paziresh24Error(.cancelled, context: context) }
            let ticket: BreakerBoard.Ticket
            switch breakers.admit(hostKey: hostKey, targetKey: targetKey, now: clock.now()) {
            case .success(let admitted):
                ticket = admitted
            case .failure(let refusal):
                // Mid-retry, the real failure says more than "breaker open".
                throw lastError ?? Paziresh24Error(.circuitOpen, context: "\(context) breaker \(refusal.key)")
            }

            let failure: Paziresh24Error
            switch await sendOnce(request, context: context) {
            case .success(let response):
                guard let error = Self.retriableFailure(response, context: context) else {
                    breakers.record(ticket, .success, now: clock.now())
                    return response
                }
                failure = error
            case .failure(let error):
                guard error.kind == .timeout || Self.isTransport(error) else {
                    breakers.record(ticket, .abandoned, now: clock.now())
                    throw error
                }
                failure = error
            }
            breakers.record(ticket, .failure, now: clock.now())
            lastError = failure
            // No point waiting for an attempt a breaker would refuse.
            guard attempt < attempts, !breakers.isOpen(hostKey: hostKey, targetKey: targetKey, now: clock.now())
            else { break }

            let wait: Duration
            if case .rateLimited(let retryAfter?) = failure.kind {
                guard retryAfter <= configuration.retry.maxRetryAfter else { throw failure }
                wait = retryAfter
            } else {
                wait = configuration.retry.delay(afterAttempt: attempt, random: random())
            }
            do {
                try await clock.sleep(for: wait)
            } catch {
                throw Paziresh24Error(.cancelled, context: context)
            }
        }
        throw lastError ?? Paziresh24Error(.transport("no attempt made"), context: context)
    }

    /// One transport call inside the in-flight cap, errors mapped to `Paziresh24Error`.
    private func sendOnce(
        _ request: HTTPTransportRequest, context: String
    ) async
        -> Result<HTTPTransportResponse, Paziresh24Error>
    {
        do {
            try await limiter.acquire()
        } catch {
            return .failure(Paziresh24Error(.cancelled, context: context))
        }
        defer { limiter.release() }
        do {
            return .success(try await transport.send(request))
        } catch var error as Paziresh24Error {
            error.context = error.context ?? context
            return .failure(error)
        } catch is CancellationError {
            return .failure(Paziresh24Error(.cancelled, context: context))
        } catch {
            return .failure(Paziresh24Error(.transport(String(describing: error)), context: context))
        }
    }

    /// The error an answer stands for if it is worth retrying (429, 408, 5xx), else nil.
    static func retriableFailure(_ response: HTTPTransportResponse, context: String) -> Paziresh24Error? {
        switch response.status {
        case 429:
            return Paziresh24Error(
                .rateLimited(retryAfter: response.header("Retry-After").flatMap { parseRetryAfter($0) }), context: context)
        case 408, 500...599:
            return Paziresh24Error(.httpStatus(response.status), context: context)
        default:
            return nil
        }
    }

    private static func isTransport(_ error: Paziresh24Error) -> Bool {
        if case .transport = error.kind { return true }
        return false
    }

    /// `Retry-After` as delta-seconds (`"5"`, `"1.5"`) or an HTTP-date, clamped to
    /// `ExternalDuration.range` (0 s ... 1 hour); nil when it is neither.
    static func parseRetryAfter(_ value: String, now: Date = Date()) -> Duration? {
        ExternalDuration.retryAfter(value, now: now)
    }
}
