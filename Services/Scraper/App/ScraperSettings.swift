import EventBus
import Foundation
import Paziresh24
import ScraperDomain
import ServiceRuntime

/// The scraper's configuration, read from the environment and validated at start-up.
public struct ScraperSettings: ServiceSettings {
    /// Kafka settings (`KAFKA_*`).
    public var bus: BusSettings
    /// `HTTP_PORT`: /healthz, /readyz, /metrics (default 8080).
    public var httpPort: Int
    /// `SHUTDOWN_GRACE_PERIOD`: how long the services get to stop after SIGTERM (default 25 s).
    public var shutdownGracePeriod: Duration
    /// `SCRAPER_GROUP_ID` (default `scraper`).
    public var groupId: String
    /// `SCRAPER_GLOBAL_RATE`: requests per second to paziresh24 for the whole fleet (default 2).
    public var globalRate: Double
    /// `PAZIRESH24_INTERACTIVE_RATE`: the share of `globalRate` kept for the bot's doctor lookups
    /// (default 0.2); the scrapers split only `sweepRate` between them.
    public var interactiveRate: Double
    /// The scrapers' part of the fleet-wide budget: `globalRate − interactiveRate`.
    public var sweepRate: Double { globalRate - interactiveRate }
    /// `SCRAPER_MIN_INTERVAL_SECONDS`: minimum time between polls of one target (default 30).
    public var minInterval: TimeInterval
    /// `SCRAPER_PROBING` (default true): probe the targets whose watch names a search route
    /// (city and specialty slugs) through paziresh24's search, many doctors per request; a change
    /// of a doctor's earliest free time triggers a direct poll of that target at once.
    public var probing: Bool
    /// `SCRAPER_SWEEP_INTERVAL_SECONDS` (default 900): with probing, how often each probed target
    /// is still polled directly (a slot later than the earliest does not move the probe). At
    /// least `minInterval`. The worst-case delay of a slot the probes miss.
    public var sweepInterval: TimeInterval
    /// `SCRAPER_PROBE_INTERVAL_SECONDS` (default 10): minimum time between two probes of one group.
    public var probeInterval: TimeInterval
    /// `SCRAPER_PROBE_FLOOR` (default 0.5): the least share of the budget slots not taken by
    /// triggered polls that goes to probes while the sweep also has work (0…1).
    public var probeFloor: Double
    /// `SCRAPER_MAX_IN_FLIGHT`: polls in flight at once (default 8).
    public var maxInFlight: Int
    /// `SCRAPER_SESSION_TIMEOUT_MS` (default 10000): how fast a dead replica's targets move.
    public var sessionTimeout: Duration
    /// `SCRAPER_HEARTBEAT_MS` (default 3000).
    public var heartbeatInterval: Duration
    /// `SCRAPER_COOLDOWN_SECONDS` (default 60): how long a 429 or a run of 5xx lowers the rate.
    public var coolDown: TimeInterval
    /// `SCRAPER_COOLDOWN_FACTOR` (default 0.5): the rate multiplier during a cool-down.
    public var coolDownFactor: Double
    /// `SCRAPER_DRAIN_TIMEOUT_MS` (default 8000): on shutdown, how long polls already talking to
    /// paziresh24 may take to finish and publish before they are cancelled.
    public var drainTimeout: Duration

    /// The drain actually used: `drainTimeout`, but at most a third of `SHUTDOWN_GRACE_PERIOD`, so
    /// the drain plus the producer's close (`producerCloseTimeout`) always fit in the grace period,
    /// even with the broker gone (a poll then waits for its delivery report until the close).
    public var effectiveDrainTimeout: Duration { min(drainTimeout, shutdownGracePeriod / 3) }
    /// How long closing the producer may take on shutdown: 10 s, at most a third of the grace period.
    public var producerCloseTimeout: Duration { min(.seconds(10), shutdownGracePeriod / 3) }
    /// The probing policy (nil when `SCRAPER_PROBING` is false).
    public var probingPolicy: ProbingPolicy? {
        probing ? ProbingPolicy(sweepInterval: sweepInterval, probeInterval: probeInterval, probeFloor: probeFloor) : nil
    }
    /// paziresh24 endpoints and client policy.
    public var paziresh24: Paziresh24Configuration
    /// `LOG_LEVEL`.
    public var logLevel: Logger.Level

    /// Never logged: the scraper holds no secret.
    public var secrets: [Secret] { [] }

    /// Reads and validates.
    public init(_ env: EnvironmentReader) throws(ConfigurationError) {
        bus = try BusSettings(env)
        httpPort = try env.int("HTTP_PORT", default: 8080, range: 0...65535)
        shutdownGracePeriod = try RuntimeSettings.shutdownGracePeriod(env)
        groupId = try env.string("SCRAPER_GROUP_ID", default: "scraper")
        globalRate = try env.double("SCRAPER_GLOBAL_RATE", default: 2, greaterThan: 0)
        interactiveRate = try env.double("PAZIRESH24_INTERACTIVE_RATE", default: 0.2, greaterThan: 0)
        guard interactiveRate < globalRate else {
            throw ConfigurationError(
                variable: "PAZIRESH24_INTERACTIVE_RATE",
                reason: "must be below SCRAPER_GLOBAL_RATE (\(globalRate)), which it is taken out of; got \(interactiveRate)")
        }
        minInterval = try env.double("SCRAPER_MIN_INTERVAL_SECONDS", default: 30, greaterThan: 0)
        maxInFlight = try env.int("SCRAPER_MAX_IN_FLIGHT", default: 8, range: 1...256)
        probing = try env.bool("SCRAPER_PROBING", default: true)
        sweepInterval = max(minInterval, try env.double("SCRAPER_SWEEP_INTERVAL_SECONDS", default: 900, greaterThan: 0))
        probeInterval = try env.double("SCRAPER_PROBE_INTERVAL_SECONDS", default: 10, greaterThan: 0)
        probeFloor = try env.double("SCRAPER_PROBE_FLOOR", default: 0.5, range: 0...1)
        sessionTimeout = try env.duration("SCRAPER_SESSION_TIMEOUT_MS", default: .seconds(10), range: .seconds(1)...(.seconds(300)))
        heartbeatInterval = try env.duration("SCRAPER_HEARTBEAT_MS", default: .seconds(3), range: .milliseconds(100)...(.seconds(60)))
        coolDown = try env.double("SCRAPER_COOLDOWN_SECONDS", default: 60, greaterThan: 0)
        coolDownFactor = try env.double("SCRAPER_COOLDOWN_FACTOR", default: 0.5, range: 0.01...1)
        drainTimeout = try env.duration("SCRAPER_DRAIN_TIMEOUT_MS", default: .seconds(8), range: .zero...(.seconds(60)))
        var p24 = Paziresh24Configuration()
        p24.apiGatewayURL = try env.url("PAZIRESH24_APIGW_URL", default: p24.apiGatewayURL, schemes: ["http", "https"])
        p24.profileURL = try env.url("PAZIRESH24_PROFILE_URL", default: p24.profileURL, schemes: ["http", "https"])
        p24.wwwURL = try env.url("PAZIRESH24_WWW_URL", default: p24.wwwURL, schemes: ["http", "https"])
        p24.requestTimeout = try env.duration("PAZIRESH24_TIMEOUT_MS", default: p24.requestTimeout, range: .seconds(1)...(.seconds(120)))
        p24.maxAttempts = try env.int("PAZIRESH24_MAX_ATTEMPTS", default: p24.maxAttempts, range: 1...10)
        p24.maxConcurrentRequests = maxInFlight
        p24.targetBreaker.coolDown = try env.duration(
            "PAZIRESH24_TARGET_BREAKER_COOLDOWN_MS", default: p24.targetBreaker.coolDown, range: .milliseconds(100)...(.seconds(3600)))
        p24.hostBreaker.coolDown = try env.duration(
            "PAZIRESH24_HOST_BREAKER_COOLDOWN_MS", default: p24.hostBreaker.coolDown, range: .milliseconds(100)...(.seconds(3600)))
        paziresh24 = p24
        logLevel = try env.choice("LOG_LEVEL", default: Logger.Level.info)
    }

    /// `--help` text.
    public static let usage = """
        scraper — polls paziresh24 for the free slots of the watched doctors and publishes slot.found.

        Usage: scraper [--help]

        Environment:
        \(BusSettings.usage)
          HTTP_PORT                     /healthz, /readyz, /metrics (default 8080)
          SHUTDOWN_GRACE_PERIOD          seconds to stop after SIGTERM (default 25; a second signal exits at once)
          SCRAPER_GROUP_ID              consumer group on smartwhale.data.watches (default scraper)
          SCRAPER_GLOBAL_RATE           requests/s to paziresh24 for the whole fleet (default 2)
          PAZIRESH24_INTERACTIVE_RATE   the part of it kept for the bot's lookups (default 0.2); the scrapers
                                        split the rest
          SCRAPER_MIN_INTERVAL_SECONDS  minimum seconds between polls of one target (default 30)
          SCRAPER_MAX_IN_FLIGHT         polls in flight at once (default 8)
          SCRAPER_PROBING               probe watched doctors through paziresh24's search, true/false (default true)
          SCRAPER_SWEEP_INTERVAL_SECONDS  with probing, seconds between direct polls of a probed target (default 900)
          SCRAPER_PROBE_INTERVAL_SECONDS  minimum seconds between two probes of one group (default 10)
          SCRAPER_PROBE_FLOOR           least share of the non-triggered budget for probes, 0..1 (default 0.5)
          SCRAPER_SESSION_TIMEOUT_MS    consumer-group session timeout (default 10000)
          SCRAPER_HEARTBEAT_MS          consumer-group heartbeat (default 3000)
          SCRAPER_COOLDOWN_SECONDS      how long a 429 or three 5xx in a row lower the rate (default 60)
          SCRAPER_COOLDOWN_FACTOR       rate multiplier during a cool-down, 0.01..1 (default 0.5)
          SCRAPER_DRAIN_TIMEOUT_MS      on shutdown, time polls in flight get to finish (default 8000; at most a third of SHUTDOWN_GRACE_PERIOD)
          PAZIRESH24_APIGW_URL          default https://apigw.paziresh24.com
          PAZIRESH24_PROFILE_URL        default https://drprofile.paziresh24.com
          PAZIRESH24_WWW_URL            default https://www.paziresh24.com (booking links only)
          PAZIRESH24_TIMEOUT_MS         per-request timeout (default 30000)
          PAZIRESH24_MAX_ATTEMPTS       attempts per poll incl. retries (default 3)
          PAZIRESH24_TARGET_BREAKER_COOLDOWN_MS  how long an open target breaker refuses (default 120000)
          PAZIRESH24_HOST_BREAKER_COOLDOWN_MS    how long an open host breaker refuses (default 30000)
          INSTANCE_ID                   instance name in logs and events (default host name)
          LOG_LEVEL                     debug, info, notice, warning, error (default info)
        """
}
