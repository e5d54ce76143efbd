/// Faults to inject (`POST /control/faults`).
///
/// JSON: `{"target"?: "global" | "<center id>:<service id>" | "profile:<slug>", "clear"?: bool,
/// "latency_ms"?: int, "faults"?: [{"kind": "rate_limit" | "server_error" | "hang" | "malformed" |
/// "redirect", "count"? (1), "retry_after_seconds"? (rate_limit; default 1), "status"? (server_error
/// 503, hang 504, malformed 200, redirect 307), "seconds"? (hang; default 25), "location"? (redirect;
/// default "/")}]}`.
/// Each fault answers the next `count` requests of its scope, in the order posted; a request
/// takes its target's next fault first, else the global one. `latency_ms` delays every answer of
/// the scope until changed (0 removes it); `clear` drops the scope's queued faults and latency first.
public struct Paziresh24FaultPlan: Sendable, Hashable, Codable {
    /// One queued fault.
    public struct Fault: Sendable, Hashable, Codable {
        /// What the answer looks like.
        public enum Kind: String, Sendable, Hashable, Codable {
            /// HTTP 429 with `Retry-After`.
            case rateLimit = "rate_limit"
            /// An nginx-style HTML error page with a 5xx status.
            case serverError = "server_error"
            /// Nothing for `seconds`, then a 504 page (the gateway's measured behaviour).
            case hang
            /// A body that is not JSON (an HTML page) with `status` (default 200).
            case malformed
            /// A redirect (default 307, which keeps method and body) to `location`: checks that
            /// clients only follow redirects that stay read-only.
            case redirect
        }

        /// Kind.
        public var kind: Kind
        /// How many answers (default 1).
        public var count: Int?
        /// `Retry-After` of a rate-limit answer.
        public var retryAfterSeconds: Int?
        /// HTTP status of the answer.
        public var status: Int?
        /// How long a hang lasts.
        public var seconds: Double?
        /// Where a redirect points (a path or an absolute URL).
        public var location: String?

        /// Creates a fault.
        public init(
            kind: Kind, count: Int? = nil, retryAfterSeconds: Int? = nil, status: Int? = nil, seconds: Double? = nil,
            location: String? = nil
        ) {
            self.kind = kind
            self.count = count
            self.retryAfterSeconds = retryAfterSeconds
            self.status = status
            self.seconds = seconds
            self.location = location
        }

        enum CodingKeys: String, CodingKey {
            case kind, count, status, seconds, location
            case retryAfterSeconds = "retry_after_seconds"
        }
    }

    /// `global`, `<center id>:<service id>` or `profile:<slug>` (default global).
    public var target: String?
    /// Drop the scope's queued faults and latency first.
    public var clear: Bool?
    /// Added delay for every answer of the scope (0 removes it).
    public var latencyMs: Int?
    /// Faults to queue, in order.
    public var faults: [Fault]?

    /// Creates a plan.
    public init(target: String? = nil, clear: Bool? = nil, latencyMs: Int? = nil, faults: [Fault]? = nil) {
        self.target = target
        self.clear = clear
        self.latencyMs = latencyMs
        self.faults = faults
    }

    enum CodingKeys: String, CodingKey {
        case target, clear, faults
        case latencyMs = "latency_ms"
    }

    /// The scope key (`global` when no target was given).
    public var scope: String {
        guard let target, !target.isEmpty else { return Self.globalScope }
        return target
    }

    /// Name of the global scope.
    public static let globalScope = "global"
}
