/// The one error type of the `Paziresh24` module.
///
/// `kind` says what went wrong in terms a caller acts on; `isRetriable` says whether asking again
/// later can help (the client has already retried within its own budget before throwing).
public struct Paziresh24Error: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public enum Kind: Sendable, Hashable {
        /// The slug or URL names no doctor (HTTP 404, a profile status other than `SUCCESS`, or
        /// the site's `redirect.statusCode == 404` answer).
        case doctorNotFound
        /// getFreeDays answered status 700: online booking is disabled for that center/service
        /// (the site also answers 700 for a service that does not belong to the center).
        /// The server's message is in `serverMessage`.
        case bookingDisabled
        /// getFreeDays answered a status other than 1, 32 and 700.
        case refused(status: Int, message: String)
        /// An HTTP status that is neither success nor one of the kinds above (5xx included).
        case httpStatus(Int)
        /// HTTP 429; `retryAfter` is the server's `Retry-After`, if it sent one.
        case rateLimited(retryAfter: Duration?)
        /// No answer within the request timeout.
        case timeout
        /// The connection failed (refused, reset, DNS...).
        case transport(String)
        /// The body is not the JSON shape paziresh24 answers with.
        case malformedResponse(String)
        /// A circuit breaker (the host's or the target's, named in `context`) is open: no request
        /// was sent.
        case circuitOpen
        /// A request outside the read-only allowlist was attempted; nothing was sent.
        case forbiddenEndpoint(String)
        /// The caller's input cannot be turned into a request (e.g. not a slug or profile URL).
        case invalidInput(String)
        /// The calling task was cancelled.
        case cancelled
    }

    /// What went wrong.
    public var kind: Kind
    /// Which request it was about (endpoint, target or breaker key), for logs; never holds secrets.
    public var context: String?
    /// The `message` paziresh24 sent with a non-success status, if any (Persian text).
    public var serverMessage: String?
    /// For a `.malformedResponse` found while decoding: the JSON path of the offending field, e.g.
    /// `search.result[3].slug` (also named in the message).
    public var fieldPath: String?

    /// Creates an error.
    public init(_ kind: Kind, context: String? = nil, serverMessage: String? = nil, fieldPath: String? = nil) {
        self.kind = kind
        self.context = context
        self.serverMessage = serverMessage
        self.fieldPath = fieldPath
    }

    /// Whether the same call may succeed later: timeouts, connection failures, 5xx, 408, 429 and an
    /// open breaker. Refusals, unknown doctors and malformed answers will not fix themselves.
    public var isRetriable: Bool {
        switch kind {
        case .timeout, .transport, .rateLimited, .circuitOpen: true
        case .httpStatus(let status): status >= 500 || status == 408
        case .doctorNotFound, .bookingDisabled, .refused, .malformedResponse, .forbiddenEndpoint,
            .invalidInput, .cancelled:
            false
        }
    }

    /// A short stable label for metrics and logs (`timeout`, `http_5xx`, `rate_limited`...).
    public var kindLabel: String {
        switch kind {
        case .doctorNotFound: "doctor_not_found"
        case .bookingDisabled: "booking_disabled"
        case .refused: "refused"
        case .httpStatus(let status): status >= 500 ? "http_5xx" : "http_4xx"
        case .rateLimited: "rate_limited"
        case .timeout: "timeout"
        case .transport: "transport"
        case .malformedResponse: "malformed_response"
        case .circuitOpen: "circuit_open"
        case .forbiddenEndpoint: "forbidden_endpoint"
        case .invalidInput: "invalid_input"
        case .cancelled: "cancelled"
        }
    }

    /// Same as `kindLabel`: the house-style name for an error's code.
    public var code: String { kindLabel }

    /// One line for logs.
    public var description: String {
        let detail: String
        switch kind {
        case .doctorNotFound: detail = "doctor not found"
        case .bookingDisabled: detail = "online booking disabled (status 700): \(serverMessage ?? "")"
        case .refused(let status, let message): detail = "refused the request (status \(status)): \(message)"
        case .httpStatus(let status): detail = "HTTP \(status)"
        case .rateLimited(let retryAfter):
            detail = "rate limited (HTTP 429)" + (retryAfter.map { ", retry after \($0)" } ?? "")
        case .timeout: detail = "timed out"
        case .transport(let message): detail = "transport error: \(message)"
        case .malformedResponse(let message): detail = "malformed response: \(message)"
        case .circuitOpen: detail = "circuit breaker open, request not sent"
        case .forbiddenEndpoint(let endpoint): detail = "forbidden endpoint (read-only client): \(endpoint)"
        case .invalidInput(let message): detail = "invalid input: \(message)"
        case .cancelled: detail = "cancelled"
        }
        return "Paziresh24Error(\(kindLabel)): \(detail)" + (context.map { " [\($0)]" } ?? "")
    }
}
