import EventBus
import Foundation
import ServiceRuntime

/// The notifier's configuration, read from the environment and validated at start-up.
public struct NotifierSettings: ServiceSettings {
    public var bus: BusSettings
    public var httpPort: Int
    /// `SHUTDOWN_GRACE_PERIOD`: how long the services get to stop after SIGTERM (default 25 s).
    public var shutdownGracePeriod: Duration
    public var databaseURL: Secret
    public var databasePoolSize: Int
    public var groupId: String
    public var telegramBaseURL: URL
    public var telegramToken: Secret
    public var globalRate: Double
    public var perChatInterval: TimeInterval
    public var telegramTimeout: Duration
    public var sendMaxBackoff: Duration
    public var coalesceWindow: Duration
    public var batchSize: Int
    public var maxConcurrentSends: Int
    public var noticesPerDay: Double
    public var burst: Double
    public var sessionTimeout: Duration
    public var fetchWait: Duration
    public var heartbeatInterval: Duration
    public var poisonTimeout: Duration
    /// `NOTIFIER_MAX_AGE`: a slot observed longer ago than this is not sent (default 5 minutes).
    public var maxAge: Duration
    public var logLevel: Logger.Level

    /// Never logged: the bot token and the database URL.
    public var secrets: [Secret] { [telegramToken, databaseURL] }

    /// Reads and validates.
    public init(_ env: EnvironmentReader) throws(ConfigurationError) {
        bus = try BusSettings(env)
        httpPort = try env.int("HTTP_PORT", default: 8080, range: 0...65535)
        shutdownGracePeriod = try RuntimeSettings.shutdownGracePeriod(env)
        databaseURL = try env.secret("DATABASE_URL")
        databasePoolSize = try env.int("DATABASE_POOL_SIZE", default: 4, range: 1...64)
        groupId = try env.string("NOTIFIER_GROUP_ID", default: "notifier")
        telegramBaseURL = try env.url("TELEGRAM_API_URL", default: URL(string: "https://api.telegram.org")!, schemes: ["http", "https"])
        telegramToken = try env.secret("TELEGRAM_BOT_TOKEN")
        globalRate = try env.double("NOTIFIER_GLOBAL_RATE", default: 30, greaterThan: 0)
        perChatInterval = try env.double("NOTIFIER_PER_CHAT_INTERVAL_SECONDS", default: 1, range: 0...60)
        telegramTimeout = try env.duration(
            "NOTIFIER_TELEGRAM_TIMEOUT_MS", default: .seconds(15), range: .milliseconds(100)...(.seconds(120)))
        sendMaxBackoff = try env.duration(
            "NOTIFIER_SEND_MAX_BACKOFF_MS", default: .seconds(30), range: .milliseconds(100)...(.seconds(600)))
        coalesceWindow = try env.duration("NOTIFIER_COALESCE_WINDOW_MS", default: .seconds(1), range: .zero...(.seconds(60)))
        batchSize = try env.int("NOTIFIER_BATCH_SIZE", default: 500, range: 1...10_000)
        maxConcurrentSends = try env.int("NOTIFIER_MAX_CONCURRENT_SENDS", default: 16, range: 1...256)
        noticesPerDay = try env.double("NOTIFIER_NOTICES_PER_DAY", default: 10, greaterThan: 0)
        burst = try env.double("NOTIFIER_BURST", default: 3, range: 1...1000)
        sessionTimeout = try env.duration("NOTIFIER_SESSION_TIMEOUT_MS", default: .seconds(10), range: .seconds(1)...(.seconds(300)))
        fetchWait = try env.duration("NOTIFIER_FETCH_WAIT_MS", default: .milliseconds(500), range: .milliseconds(10)...(.seconds(5)))
        heartbeatInterval = try env.duration("NOTIFIER_HEARTBEAT_MS", default: .seconds(3), range: .milliseconds(100)...(.seconds(60)))
        poisonTimeout = try env.duration("NOTIFIER_POISON_TIMEOUT_MS", default: .seconds(180), range: .zero...(.seconds(86_400)))
        maxAge = try env.duration("NOTIFIER_MAX_AGE", default: .seconds(300), unit: .seconds, range: .seconds(1)...(.seconds(86_400)))
        logLevel = try env.choice("LOG_LEVEL", default: Logger.Level.info)
    }

    /// `--help` text.
    public static let usage = """
        notifier — turns slot.found events into Telegram notices for the matching subscribers.

        Usage: notifier [--help]

        Environment:
        \(BusSettings.usage)
          HTTP_PORT                        /healthz, /readyz, /metrics (default 8080)
          SHUTDOWN_GRACE_PERIOD          seconds to stop after SIGTERM (default 25; a second signal exits at once)
          DATABASE_URL (or _FILE)          postgres://user:password@host:port/db (required)
          DATABASE_POOL_SIZE               connections (default 4)
          NOTIFIER_GROUP_ID                consumer group on smartwhale.data.slots (default notifier)
          TELEGRAM_BOT_TOKEN (or _FILE)    the bot token (required; never logged)
          TELEGRAM_API_URL                 default https://api.telegram.org
          NOTIFIER_GLOBAL_RATE             messages/s to Telegram for all replicas together (default 30);
                                           each replica sends at most rate × its partitions ÷ all
                                           partitions of smartwhale.data.slots
          NOTIFIER_PER_CHAT_INTERVAL_SECONDS  seconds between two messages to one chat, the bot's replies
                                           included (shared through PostgreSQL; default 1, set the same for the bot)
          NOTIFIER_TELEGRAM_TIMEOUT_MS     timeout of one sendMessage call (default 15000)
          NOTIFIER_SEND_MAX_BACKOFF_MS     longest wait between retries after 5xx/timeouts (default 30000)
          NOTIFIER_COALESCE_WINDOW_MS      how long a batch gathers slots before matching (default 1000)
          NOTIFIER_BATCH_SIZE              most slot.found per batch (default 500)
          NOTIFIER_MAX_CONCURRENT_SENDS    sends in flight (default 16)
          NOTIFIER_NOTICES_PER_DAY         per user and doctor (default 10)
          NOTIFIER_BURST                   per user and doctor (default 3)
          NOTIFIER_SESSION_TIMEOUT_MS      consumer group session timeout (default 10000)
          NOTIFIER_HEARTBEAT_MS            consumer group heartbeat interval (default 3000)
          NOTIFIER_FETCH_WAIT_MS           longest a fetch waits at the broker for new records (default 500;
                                           Kafka answers as soon as records arrive, librdkafka's mock
                                           cluster only after this wait)
          NOTIFIER_POISON_TIMEOUT_MS       how long a record that fails permanently (the database refuses it, not
                                           an outage) is retried before it is dead-lettered as
                                           processing_failed (default 180000)
          NOTIFIER_MAX_AGE                 a slot observed longer ago than this is not sent (seconds, or 90s, 5m;
                                           default 5m); nor is one whose start has passed
          LOG_LEVEL                        debug, info, notice, warning, error (default info)
        """
}
