import ScraperApp
import ServiceRuntime
import Testing

/// `SHUTDOWN_GRACE_PERIOD` reaches the service group (it was documented, but the services used a
/// fixed 25 s), so `scripts/run-local.sh` and Kubernetes can set it.
@Suite struct ScraperSettingsTests {
    private static func environment(_ extra: [String: String]) -> EnvironmentReader {
        let required = [
            "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092", "DATABASE_URL": "postgres://u@127.0.0.1:5432/db",
            "TELEGRAM_BOT_TOKEN": "123:abc",
        ]
        return EnvironmentReader(required.merging(extra) { _, new in new })
    }

    @Test func shutdownGracePeriodDefaultsToTwentyFiveSeconds() throws {
        #expect(try ScraperSettings(Self.environment([:])).shutdownGracePeriod == .seconds(25))
    }

    @Test func probingIsOnByDefaultAndCanBeSwitchedOff() throws {
        let defaults = try ScraperSettings(Self.environment([:]))
        #expect(defaults.probingPolicy?.sweepInterval == 900)
        #expect(defaults.probingPolicy?.probeInterval == 10)
        #expect(defaults.probingPolicy?.probeFloor == 0.5)
        let off = try ScraperSettings(Self.environment(["SCRAPER_PROBING": "false"]))
        #expect(off.probingPolicy == nil)
        // The sweep is never more frequent than the minimum interval.
        let short = try ScraperSettings(Self.environment(["SCRAPER_SWEEP_INTERVAL_SECONDS": "5"]))
        #expect(short.sweepInterval == short.minInterval)
        #expect(throws: ConfigurationError.self) { try ScraperSettings(Self.environment(["SCRAPER_PROBE_FLOOR": "1.5"])) }
    }

    @Test func shutdownGracePeriodIsRead() throws {
        #expect(try ScraperSettings(Self.environment(["SHUTDOWN_GRACE_PERIOD": "10s"])).shutdownGracePeriod == .seconds(10))
    }

    @Test func zeroGracePeriodIsRefusedWithTheVariableNamed() {
        do {
            _ = try ScraperSettings(Self.environment(["SHUTDOWN_GRACE_PERIOD": "0"]))
            Issue.record("a zero grace period was accepted")
        } catch {
            #expect(error.variable == "SHUTDOWN_GRACE_PERIOD")
        }
    }

    /// With the broker gone, shutdown takes the drain plus the producer's close: both are capped
    /// at a third of the grace period, so a short one (run-local's 10 s) is never overrun.
    @Test func drainAndProducerCloseFitInTheGracePeriod() throws {
        let long = try ScraperSettings(Self.environment([:]))
        #expect(long.effectiveDrainTimeout == .seconds(8))
        #expect(long.producerCloseTimeout == .seconds(25) / 3)
        let short = try ScraperSettings(Self.environment(["SHUTDOWN_GRACE_PERIOD": "10s"]))
        #expect(short.effectiveDrainTimeout + short.producerCloseTimeout < .seconds(10))
        let generous = try ScraperSettings(Self.environment(["SHUTDOWN_GRACE_PERIOD": "60s"]))
        #expect(generous.producerCloseTimeout == .seconds(10))
    }
}
