import ServiceRuntime
import Testing

/// Environments for the services' settings tests: the variables every service requires (broker,
/// database, bot token), plus what a test sets.
public enum SettingsEnvironment {
    /// The required variables merged with `extra` (`extra` wins).
    public static func reader(_ extra: [String: String] = [:]) -> EnvironmentReader {
        let required = [
            "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092", "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
            "TELEGRAM_BOT_TOKEN": "123:abc",
        ]
        return EnvironmentReader(required.merging(extra) { _, new in new })
    }

    /// `SHUTDOWN_GRACE_PERIOD` reaches a service's settings the same way everywhere (it was
    /// documented, but the services used a fixed 25 s): 25 s by default, read when set, and zero
    /// refused with the variable named.
    public static func expectSharedGracePeriod<Settings: ServiceSettings>(
        _ type: Settings.Type, _ grace: (Settings) -> Duration, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        #expect(grace(try Settings(reader())) == .seconds(25), sourceLocation: sourceLocation)
        #expect(grace(try Settings(reader(["SHUTDOWN_GRACE_PERIOD": "10s"]))) == .seconds(10), sourceLocation: sourceLocation)
        do {
            _ = try Settings(reader(["SHUTDOWN_GRACE_PERIOD": "0"]))
            Issue.record("a zero grace period was accepted", sourceLocation: sourceLocation)
        } catch {
            #expect(error.variable == "SHUTDOWN_GRACE_PERIOD", sourceLocation: sourceLocation)
        }
    }
}
