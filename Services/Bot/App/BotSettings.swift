import BotAdapters
import BotDomain
import EventBus
import Foundation
import Paziresh24
import ServiceRuntime

/// The bot's configuration, read from the environment and validated at start-up.
public struct BotSettings: ServiceSettings {
    /// How updates arrive.
    public enum Mode: String, Sendable, CaseIterable {
        case polling
        case webhook
    }

    public var bus: BusSettings
    public var httpPort: Int
    /// `SHUTDOWN_GRACE_PERIOD`: how long the services get to stop after SIGTERM (default 25 s).
    public var shutdownGracePeriod: Duration
    public var databaseURL: Secret
    public var databasePoolSize: Int
    public var telegramBaseURL: URL
    public var telegramToken: Secret
    public var mode: Mode
    public var webhookURL: URL?
    public var webhookSecret: Secret?
    public var webhookPort: Int
    public var adminChatIds: Set<Int64>
    public var maxSubscriptions: Int
    public var reconcileInterval: Duration
    public var poisonTimeout: Duration
    public var paziresh24: Paziresh24Configuration
    /// `PAZIRESH24_INTERACTIVE_RATE`: requests/s of the bot's doctor lookups (search and
    /// full-profile), a share the scrapers leave out of `SCRAPER_GLOBAL_RATE` (default 0.2, burst 2).
    public var interactiveRate: Double
    /// `NOTIFIER_PER_CHAT_INTERVAL_SECONDS`: seconds between two messages to one chat, the same
    /// setting as the notifier's (they share one schedule per chat in `chat_pacing`).
    public var perChatInterval: Double
    /// `BOT_STILL_FREE_STALE_SECONDS`: a notice's slot last known free longer ago than this is
    /// answered "unknown since" by the "🔄 still free?" button (default 1800).
    public var stillFreeStaleAfter: TimeInterval
    public var logLevel: Logger.Level

    /// Never logged: the bot token, the database URL and the webhook secret.
    public var secrets: [Secret] { [telegramToken, databaseURL] + (webhookSecret.map { [$0] } ?? []) }

    /// Reads and validates.
    public init(_ env: EnvironmentReader) throws(ConfigurationError) {
        bus = try BusSettings(env)
        httpPort = try env.int("HTTP_PORT", default: 8080, range: 0...65535)
        shutdownGracePeriod = try RuntimeSettings.shutdownGracePeriod(env)
        databaseURL = try env.secret("DATABASE_URL")
        databasePoolSize = try env.int("DATABASE_POOL_SIZE", default: 4, range: 1...64)
        telegramBaseURL = try env.url(
            "TELEGRAM_API_URL", default: URL(string: "https://api.telegram.org")!, schemes: ["http", "https"])
        telegramToken = try env.secret("TELEGRAM_BOT_TOKEN")
        mode = try env.choice("BOT_MODE", default: Mode.polling)
        if mode == .webhook {
            webhookURL = try env.url("BOT_WEBHOOK_URL", schemes: ["https", "http"])
            webhookSecret = try env.secret("BOT_WEBHOOK_SECRET")
        } else {
            webhookURL = nil
            webhookSecret = nil
        }
        webhookPort = try env.int("BOT_WEBHOOK_PORT", default: 8443, range: 1...65535)
        var admins = Set<Int64>()
        for item in try env.list("BOT_ADMIN_CHAT_IDS", default: []) {
            guard let id = Int64(item) else {
                throw ConfigurationError(
                    variable: "BOT_ADMIN_CHAT_IDS", reason: "expected comma-separated chat ids, got \"\(item)\"")
            }
            admins.insert(id)
        }
        adminChatIds = admins
        maxSubscriptions = try env.int("BOT_MAX_SUBSCRIPTIONS", default: 10, range: 1...1000)
        stillFreeStaleAfter = try env.double("BOT_STILL_FREE_STALE_SECONDS", default: 1800, range: 60...86_400)
        reconcileInterval = try env.duration(
            "BOT_RECONCILE_INTERVAL_SECONDS", default: .seconds(600), unit: .seconds, range: .seconds(5)...(.seconds(86_400)))
        poisonTimeout = try env.duration("BOT_POISON_TIMEOUT_MS", default: .seconds(180), range: .zero...(.seconds(86_400)))
        var p24 = Paziresh24Configuration()
        p24.apiGatewayURL = try env.url("PAZIRESH24_APIGW_URL", default: p24.apiGatewayURL, schemes: ["http", "https"])
        p24.profileURL = try env.url("PAZIRESH24_PROFILE_URL", default: p24.profileURL, schemes: ["http", "https"])
        p24.wwwURL = try env.url("PAZIRESH24_WWW_URL", default: p24.wwwURL, schemes: ["http", "https"])
        p24.maxAttempts = 2
        paziresh24 = p24
        interactiveRate = try env.double("PAZIRESH24_INTERACTIVE_RATE", default: 0.2, greaterThan: 0)
        perChatInterval = try env.double("NOTIFIER_PER_CHAT_INTERVAL_SECONDS", default: 1, range: 0...60)
        logLevel = try env.choice("LOG_LEVEL", default: Logger.Level.info)
    }

    /// `--help` text.
    public static let usage = """
        bot — the SlotHunter Telegram bot (Persian, with an English fallback). Runs as exactly one instance:
        when Telegram answers 409 Conflict (another process polls the same token) it exits with status 2.
        Exit status: 0 stopped, 1 failed (also: token rejected), 2 another instance polls, 78 bad configuration.

        Usage: bot [--help]

        Environment:
        \(BusSettings.usage)
          HTTP_PORT                      /healthz, /readyz, /metrics (default 8080)
          SHUTDOWN_GRACE_PERIOD          seconds to stop after SIGTERM (default 25; a second signal exits at once)
          DATABASE_URL (or _FILE)        postgres://user:password@host:port/db (required)
          TELEGRAM_BOT_TOKEN (or _FILE)  the bot token (required; never logged)
          TELEGRAM_API_URL               default https://api.telegram.org
          BOT_MODE                       polling (default) or webhook
          BOT_WEBHOOK_URL                public HTTPS URL Telegram posts to (webhook mode)
          BOT_WEBHOOK_SECRET (or _FILE)  secret_token checked on every webhook request (webhook mode)
          BOT_WEBHOOK_PORT               port of the webhook listener (default 8443)
          BOT_ADMIN_CHAT_IDS             comma-separated chat ids allowed to use /stats
          BOT_MAX_SUBSCRIPTIONS          per user (default 10)
          BOT_STILL_FREE_STALE_SECONDS   a notice's "still free?" answers "unknown since" for a slot last
                                         known free longer ago than this (default 1800, 60…86400)
          BOT_RECONCILE_INTERVAL_SECONDS republish the watch list this often (default 600)
          BOT_POISON_TIMEOUT_MS          how long a doctor.checked the database keeps refusing (not an outage)
                                         is retried before it is dead-lettered as processing_failed
                                         (default 180000)
          PAZIRESH24_APIGW_URL, PAZIRESH24_PROFILE_URL, PAZIRESH24_WWW_URL  as for the scraper
          PAZIRESH24_INTERACTIVE_RATE    requests/s of doctor lookups (search, profile), fleet-wide, reserved
                                         out of SCRAPER_GLOBAL_RATE (default 0.2, burst 2; set the same for the scrapers)
          NOTIFIER_PER_CHAT_INTERVAL_SECONDS  seconds between two messages to one chat, shared with the
                                         notifier through PostgreSQL (default 1; set the same for both)
          LOG_LEVEL                      debug, info, notice, warning, error (default info)
        """
}
