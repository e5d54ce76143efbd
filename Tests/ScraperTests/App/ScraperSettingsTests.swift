import ScraperApp
import ServiceRuntime
import TestSupport
import Testing

/// `SHUTDOWN_GRACE_PERIOD` reaches the service group (it was documented, but the services used a
/// fixed 25 s), so `scripts/run-local.sh` and Kubernetes can set it.
@Suite struct ScraperSettingsTests {
    @Test func sharedShutdownGracePeriod() throws {
        try SettingsEnvironment.expectSharedGracePeriod(ScraperSettings.self, \.shutdownGracePeriod)
    }

    /// With the broker gone, shutdown takes the drain plus the producer's close: both are capped
    /// at a third of the grace period, so a short one (run-local's 10 s) is never overrun.
    @Test func drainAndProducerCloseFitInTheGracePeriod() throws {
        let long = try ScraperSettings(SettingsEnvironment.reader([:]))
        #expect(long.effectiveDrainTimeout == .seconds(8))
        #expect(long.producerCloseTimeout == .seconds(25) / 3)
        let short = try ScraperSettings(SettingsEnvironment.reader(["SHUTDOWN_GRACE_PERIOD": "10s"]))
        #expect(short.effectiveDrainTimeout + short.producerCloseTimeout < .seconds(10))
        let generous = try ScraperSettings(SettingsEnvironment.reader(["SHUTDOWN_GRACE_PERIOD": "60s"]))
        #expect(generous.producerCloseTimeout == .seconds(10))
    }
}
