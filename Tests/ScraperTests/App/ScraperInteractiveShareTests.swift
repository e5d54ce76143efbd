import ScraperApp
import ServiceRuntime
import Testing

/// The bot's interactive share (`PAZIRESH24_INTERACTIVE_RATE`) comes out of `SCRAPER_GLOBAL_RATE`:
/// the scrapers split only the rest, so the fleet-wide total stays `SCRAPER_GLOBAL_RATE`.
@Suite struct ScraperInteractiveShareTests {
    private static func settings(_ extra: [String: String]) throws -> ScraperSettings {
        try ScraperSettings(EnvironmentReader(["KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:9092"].merging(extra) { _, new in new }))
    }

    @Test func defaultsLeaveTwoTenthsForTheBot() throws {
        let settings = try Self.settings([:])
        #expect(settings.interactiveRate == 0.2)
        #expect(abs(settings.sweepRate - 1.8) < 1e-9)
        #expect(abs(settings.sweepRate + settings.interactiveRate - settings.globalRate) < 1e-9)
    }

    @Test func theShareMustLeaveSomethingForTheScrapers() throws {
        #expect(try Self.settings(["SCRAPER_GLOBAL_RATE": "10", "PAZIRESH24_INTERACTIVE_RATE": "1"]).sweepRate == 9)
        #expect(throws: ConfigurationError.self) {
            _ = try Self.settings(["SCRAPER_GLOBAL_RATE": "0.2", "PAZIRESH24_INTERACTIVE_RATE": "0.2"])
        }
    }
}
