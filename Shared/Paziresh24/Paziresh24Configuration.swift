import Foundation

/// How `Paziresh24Client` talks to paziresh24: where, how patiently and how politely.
///
/// Defaults follow the measured behaviour of the site: healthy calls take 0.4–3 s, but some
/// gateway routes hang 20–27 s and then answer a 504 page, so one attempt may take up to 30 s.
public struct Paziresh24Configuration: Sendable {
    /// The API gateway (`/booking/v2/getFreeDays`).
    public var apiGatewayURL: URL = URL(string: "https://apigw.paziresh24.com")!
    /// The doctor-profile host (`/api/full-profile/{slug}/`).
    public var profileURL: URL = URL(string: "https://drprofile.paziresh24.com")!
    /// The public website; used for the booking links shown to people, never requested.
    public var wwwURL: URL = URL(string: "https://www.paziresh24.com")!
    /// Per-attempt timeout. Must exceed the 20–27 s hangs after which the gateway answers 504.
    public var requestTimeout: Duration = .seconds(30)
    /// Attempts per call, first one included (1 = no retry).
    public var maxAttempts: Int = 3
    /// The desktop Chrome User-Agent the recorded client sends.
    public var userAgent: String =
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/154.0.0.0 Safari/537.36"
    /// Backoff between attempts.
    public var retry: Paziresh24RetryPolicy = Paziresh24RetryPolicy()
    /// Breaker per target (`<center id>:<service id>`). Failed *attempts* count, so with 3 attempts
    /// per call one fully failed call does not open it on its own; two in a row do.
    public var targetBreaker: Paziresh24BreakerPolicy = Paziresh24BreakerPolicy(failureThreshold: 5, coolDown: .seconds(120))
    /// Breaker per host (`host:<name>`), shared by every target on that host: opens when the whole
    /// gateway is failing, whichever targets the failures came from.
    public var hostBreaker: Paziresh24BreakerPolicy = Paziresh24BreakerPolicy(failureThreshold: 10, coolDown: .seconds(30))
    /// Requests in flight at once across the client (the recorded client allows 4).
    public var maxConcurrentRequests: Int = 4

    /// Creates the production configuration; override fields as needed.
    public init() {}

    /// A configuration whose three hosts all point at one base URL (a stand-in or a proxy).
    public init(baseURL: URL) {
        self.apiGatewayURL = baseURL
        self.profileURL = baseURL
    }
}
