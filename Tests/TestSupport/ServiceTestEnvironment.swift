/// Environment variables every SlotHunter service under test shares: the private broker (topics
/// pre-created by it), the database, the Telegram stand-in, health on a free port, short consumer
/// group timeouts so rebalances in tests take seconds.
public enum ServiceTestEnvironment {
    /// The shared variables; callers add their service's own.
    public static func common(broker: TestBroker, database: TestDatabase, telegram: TestTelegram) -> [String: String] {
        [
            "KAFKA_BOOTSTRAP_SERVERS": broker.bootstrap,
            "KAFKA_CREATE_TOPICS": "false",
            "DATABASE_URL": database.url,
            "HTTP_PORT": "0",
            "TELEGRAM_API_URL": telegram.baseURL.absoluteString,
            "TELEGRAM_BOT_TOKEN": telegram.token,
            "NOTIFIER_SESSION_TIMEOUT_MS": "6000",
            "NOTIFIER_HEARTBEAT_MS": "1000",
            "LOG_LEVEL": "info",
        ]
    }
}
