import Foundation

/// The only code in SlotHunter that talks to paziresh24, and it can only read.
///
/// Read-only by construction: every request goes through `perform`, which checks
/// `Paziresh24Allowlist` (full-profile, getFreeDays and the doctor search, nothing else) before a
/// request value can even be built. On top of the transport it adds the recorded headers, retries with jittered
/// exponential backoff (timeouts, connection errors, 5xx, 429 with `Retry-After`), a circuit
/// breaker per target and one per host, and a cap on requests in flight.
public final class Paziresh24Client: Paziresh24Fetching {
    /// The configuration in use.
    public let configuration: Paziresh24Configuration
    let transport: any HTTPTransport
    let clock: any Paziresh24Clock
    let random: @Sendable () -> Double
    let breakers: BreakerBoard
    let limiter: RequestLimiter

    /// Creates a client over the real network by default.
    public convenience init(
        configuration: Paziresh24Configuration = Paziresh24Configuration(),
        transport: any HTTPTransport = URLSessionTransport()
    ) {
        self.init(
            configuration: configuration, transport: transport, clock: SystemPaziresh24Clock(),
            random: { Double.random(in: 0..<1) })
    }

    /// Creates a client with an injected clock and random source (tests).
    /// - Parameter random: draws in [0, 1) for backoff jitter.
    public init(
        configuration: Paziresh24Configuration, transport: any HTTPTransport, clock: any Paziresh24Clock,
        random: @escaping @Sendable () -> Double
    ) {
        self.configuration = configuration
        self.transport = transport
        self.clock = clock
        self.random = random
        self.breakers = BreakerBoard(hostPolicy: configuration.hostBreaker, targetPolicy: configuration.targetBreaker)
        self.limiter = RequestLimiter(limit: configuration.maxConcurrentRequests)
    }

    /// The state of every breaker used so far, for metrics: keys are `host:<host>` for host
    /// breakers and `<center id>:<service id>` for target breakers. Unlisted targets are closed.
    public func breakerStates() -> [String: BreakerState] {
        breakers.states(now: clock.now())
    }

    /// The state of one target's breaker (`closed` if it was never used).
    public func breakerState(forTarget targetKey: String) -> BreakerState {
        breakerStates()[targetKey] ?? .closed
    }

    /// The breaker key of the host serving `endpoint`.
    public func hostBreakerKey(for endpoint: Paziresh24Allowlist.Endpoint) -> String {
        switch endpoint {
        case .fullProfile: Self.hostKey(configuration.profileURL)
        case .getFreeDays, .search: Self.hostKey(configuration.apiGatewayURL)
        }
    }

    static func hostKey(_ url: URL) -> String {
        "host:" + (url.host ?? "?") + (url.port.map { ":\($0)" } ?? "")
    }

    /// `base` + `path`, `path` already percent-encoded.
    static func url(_ base: URL, _ path: String) -> URL? {
        var text = base.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        return URL(string: text + path)
    }
}
