import BotAdapters
import BotApp
import BotDomain
import ServiceRuntime
import TestSupport
import Testing

/// `SHUTDOWN_GRACE_PERIOD` reaches the service group (it was documented, but the services used a
/// fixed 25 s), so `scripts/run-local.sh` and Kubernetes can set it.
@Suite struct BotSettingsTests {
    @Test func sharedShutdownGracePeriod() throws {
        try SettingsEnvironment.expectSharedGracePeriod(BotSettings.self, \.shutdownGracePeriod)
    }
}
