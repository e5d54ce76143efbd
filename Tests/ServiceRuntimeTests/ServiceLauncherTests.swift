import Foundation
import ServiceRuntime
import Testing

/// The start every executable shares: exit statuses, settings errors, secrets redacted from the start.
@Suite("ServiceLauncher")
struct ServiceLauncherTests {
    struct DemoSettings: ServiceSettings {
        static let usage = "demo — a service for tests"
        var logLevel: Logger.Level
        var token: Secret
        var secrets: [Secret] { [token] }

        init(_ environment: EnvironmentReader) throws(ConfigurationError) {
            logLevel = try environment.choice("LOG_LEVEL", default: Logger.Level.error)
            token = try environment.secret("DEMO_TOKEN")
        }
    }

    struct Refused: Error {}
    struct Broken: Error {}

    func launch(_ environment: [String: String], run: @escaping (DemoSettings) async throws -> Void) async -> Int32 {
        await ServiceLauncher.main(
            service: "demo", settings: DemoSettings.self, arguments: ["demo"], environment: EnvironmentReader(environment),
            exitStatus: { $0 is Refused ? 2 : nil }
        ) { settings, _, _ in try await run(settings) }
    }

    @Test("a clean run exits 0, with the settings read and its secrets redacted before it starts")
    func success() async {
        let token = "123456:LAUNCHER-\(UUID().uuidString)"
        var seen: String?
        let status = await launch(["DEMO_TOKEN": token, "INSTANCE_ID": "t1"]) { settings in
            seen = settings.token.value
            #expect(Logger.redact("token \(token)") == "token <redacted>")
        }
        #expect(status == 0)
        #expect(seen == token)
    }

    @Test("a bad setting exits 78 (EX_CONFIG) without running the service")
    func badSetting() async {
        var ran = false
        #expect(await launch(["LOG_LEVEL": "loud"]) { _ in ran = true } == 78)
        #expect(await launch([:]) { _ in ran = true } == 78)
        #expect(!ran)
    }

    @Test("a failure exits 1; an error the service maps exits with its own status")
    func failures() async {
        // A realistic, unique token: the launcher registers it for redaction process-wide, and a
        // one-letter secret would blank that letter out of every other test's log lines.
        let token = "123456:FAILURES-\(UUID().uuidString)"
        #expect(await launch(["DEMO_TOKEN": token]) { _ in throw Broken() } == 1)
        #expect(await launch(["DEMO_TOKEN": token]) { _ in throw Refused() } == 2)
    }
}
