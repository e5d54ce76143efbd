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

    @Test func probingIsOnByDefaultAndCanBeSwitchedOff() throws {
        let defaults = try ScraperSettings(SettingsEnvironment.reader())
        #expect(defaults.probingPolicy?.sweepInterval == 900)
        #expect(defaults.probingPolicy?.probeInterval == 10)
        #expect(defaults.probingPolicy?.probeFloor == 0.5)
        let off = try ScraperSettings(SettingsEnvironment.reader(["SCRAPER_PROBING": "false"]))
        #expect(off.probingPolicy == nil)
        // The sweep is never more frequent than the minimum interval.
        let short = try ScraperSettings(SettingsEnvironment.reader(["SCRAPER_SWEEP_INTERVAL_SECONDS": "5"]))
        #expect(short.sweepInterval == short.minInterval)
        #expect(throws: ConfigurationError.self) { try ScraperSettings(SettingsEnvironment.reader(["SCRAPER_PROBE_FLOOR": "1.5"])) }
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
