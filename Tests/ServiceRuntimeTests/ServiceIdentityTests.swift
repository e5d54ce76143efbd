import ServiceRuntime
import Testing

@Suite struct ServiceIdentityTests {
    @Test func instanceIdWinsOverHostname() {
        let identity = ServiceIdentity.current(
            service: "scraper", environment: ["INSTANCE_ID": "i-1", "HOSTNAME": "pod-7"])
        #expect(identity == ServiceIdentity(service: "scraper", instance: "i-1"))
        #expect(identity.description == "scraper/i-1")
    }

    @Test func hostnameVariableIsNext() {
        #expect(
            ServiceIdentity.current(service: "bot", environment: ["HOSTNAME": "pod-7", "INSTANCE_ID": " "]).instance
                == "pod-7")
    }

    @Test func fallsBackToTheSystemHostName() {
        let identity = ServiceIdentity.current(service: "bot", environment: [:])
        #expect(!identity.instance.isEmpty)
    }

    @Test func loggerUsesTheIdentity() throws {
        let buffer = LogBuffer()
        Logger(identity: ServiceIdentity(service: "notifier", instance: "n-2"), sink: .buffer(buffer)).info("hi")
        let object = try #require(jsonObject(buffer.lines[0]))
        #expect(object["service"] as? String == "notifier")
        #expect(object["instance"] as? String == "n-2")
    }
}
