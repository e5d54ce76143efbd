import ServiceRuntime
import Testing

@Suite struct RuntimeSettingsTests {
    @Test func defaults() throws {
        let settings = try RuntimeSettings(service: "scraper", environment: EnvironmentReader(["HOSTNAME": "pod-1"]))
        #expect(settings.identity == ServiceIdentity(service: "scraper", instance: "pod-1"))
        #expect(settings.logLevel == .info)
        #expect(settings.httpPort == 8080)
        #expect(settings.shutdownGracePeriod == .seconds(25))
    }

    @Test func readsTheVariables() throws {
        let settings = try RuntimeSettings(
            service: "bot",
            environment: EnvironmentReader([
                "INSTANCE_ID": "bot-0", "LOG_LEVEL": "debug", "HTTP_PORT": "9090", "SHUTDOWN_GRACE_PERIOD": "20",
            ]))
        #expect(settings.identity.instance == "bot-0")
        #expect(settings.logLevel == .debug)
        #expect(settings.httpPort == 9090)
        #expect(settings.shutdownGracePeriod == .seconds(20))
        let buffer = LogBuffer()
        settings.makeLogger(sink: .buffer(buffer)).debug("visible at debug")
        #expect(buffer.lines.count == 1)
    }

    @Test func invalidPortIsNamed() {
        #expect(
            throws: ConfigurationError(
                code: .invalid, variable: "HTTP_PORT", reason: #"expected an integer in 0...65535, got "80800""#)
        ) {
            _ = try RuntimeSettings(service: "s", environment: EnvironmentReader(["HTTP_PORT": "80800"]))
        }
    }
}
