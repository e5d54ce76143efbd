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

    /// "Still free?" staleness: 30 minutes by default, set in seconds, refused outside 60…86400.
    @Test func stillFreeStaleness() throws {
        #expect(try BotSettings(SettingsEnvironment.reader()).stillFreeStaleAfter == 1800)
        #expect(try BotSettings(SettingsEnvironment.reader(["BOT_STILL_FREE_STALE_SECONDS": "600"])).stillFreeStaleAfter == 600)
        for bad in ["0", "10", "100000", "soon"] {
            do {
                _ = try BotSettings(SettingsEnvironment.reader(["BOT_STILL_FREE_STALE_SECONDS": bad]))
                Issue.record("\(bad) was accepted")
            } catch {
                #expect(error.variable == "BOT_STILL_FREE_STALE_SECONDS")
            }
        }
    }
}
