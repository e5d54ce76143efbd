import NotifierApp
import ServiceRuntime
import TestSupport
import Testing

/// `SHUTDOWN_GRACE_PERIOD` reaches the service group (it was documented, but the services used a
/// fixed 25 s), so `scripts/run-local.sh` and Kubernetes can set it.
@Suite struct NotifierSettingsTests {
    @Test func sharedShutdownGracePeriod() throws {
        try SettingsEnvironment.expectSharedGracePeriod(NotifierSettings.self, \.shutdownGracePeriod)
    }

    @Test func maxAgeDefaultsToFiveMinutesAndIsRead() throws {
        #expect(try NotifierSettings(SettingsEnvironment.reader([:])).maxAge == .seconds(300))
        #expect(try NotifierSettings(SettingsEnvironment.reader(["NOTIFIER_MAX_AGE": "90"])).maxAge == .seconds(90))
        #expect(try NotifierSettings(SettingsEnvironment.reader(["NOTIFIER_MAX_AGE": "2m"])).maxAge == .seconds(120))
    }

    @Test func zeroMaxAgeIsRefusedWithTheVariableNamed() {
        do {
            _ = try NotifierSettings(SettingsEnvironment.reader(["NOTIFIER_MAX_AGE": "0"]))
            Issue.record("a zero max age was accepted")
        } catch {
            #expect(error.variable == "NOTIFIER_MAX_AGE")
        }
    }
}
