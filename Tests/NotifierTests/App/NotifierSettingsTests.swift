import NotifierApp
import ServiceRuntime
import Testing

/// `SHUTDOWN_GRACE_PERIOD` reaches the service group (it was documented, but the services used a
/// fixed 25 s), so `scripts/run-local.sh` and Kubernetes can set it.
@Suite struct NotifierSettingsTests {
    private static func environment(_ extra: [String: String]) -> EnvironmentReader {
        let required = [
            "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092", "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
            "TELEGRAM_BOT_TOKEN": "123:abc",
        ]
        return EnvironmentReader(required.merging(extra) { _, new in new })
    }

    @Test func shutdownGracePeriodDefaultsToTwentyFiveSeconds() throws {
        #expect(try NotifierSettings(Self.environment([:])).shutdownGracePeriod == .seconds(25))
    }

    @Test func shutdownGracePeriodIsRead() throws {
        #expect(try NotifierSettings(Self.environment(["SHUTDOWN_GRACE_PERIOD": "10s"])).shutdownGracePeriod == .seconds(10))
    }

    @Test func zeroGracePeriodIsRefusedWithTheVariableNamed() {
        do {
            _ = try NotifierSettings(Self.environment(["SHUTDOWN_GRACE_PERIOD": "0"]))
            Issue.record("a zero grace period was accepted")
        } catch {
            #expect(error.variable == "SHUTDOWN_GRACE_PERIOD")
        }
    }

    @Test func maxAgeDefaultsToFiveMinutesAndIsRead() throws {
        #expect(try NotifierSettings(Self.environment([:])).maxAge == .seconds(300))
        #expect(try NotifierSettings(Self.environment(["NOTIFIER_MAX_AGE": "90"])).maxAge == .seconds(90))
        #expect(try NotifierSettings(Self.environment(["NOTIFIER_MAX_AGE": "2m"])).maxAge == .seconds(120))
    }

    @Test func zeroMaxAgeIsRefusedWithTheVariableNamed() {
        do {
            _ = try NotifierSettings(Self.environment(["NOTIFIER_MAX_AGE": "0"]))
            Issue.record("a zero max age was accepted")
        } catch {
            #expect(error.variable == "NOTIFIER_MAX_AGE")
        }
    }
}
