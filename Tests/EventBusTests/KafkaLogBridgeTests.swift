import Kafka
import ServiceRuntime
import TestSupport
import Testing

@testable import EventBus

@Suite("KafkaLogBridge and BusSettings")
struct KafkaLogBridgeTests {
    @Test("librdkafka levels map onto Logger levels")
    func levels() {
        #expect(KafkaLogBridge.loggerLevel(.emergency) == .critical)
        #expect(KafkaLogBridge.loggerLevel(.critical) == .critical)
        #expect(KafkaLogBridge.loggerLevel(.error) == .error)
        #expect(KafkaLogBridge.loggerLevel(.warning) == .warning)
        #expect(KafkaLogBridge.loggerLevel(.notice) == .notice)
        #expect(KafkaLogBridge.loggerLevel(.info) == .info)
        #expect(KafkaLogBridge.loggerLevel(.debug) == .debug)
    }

    @Test("the handler writes one JSON line with the client and facility")
    func handler() {
        let buffer = LogBuffer()
        let logger = Logger(service: "svc", instance: "1", level: .warning, sink: .buffer(buffer))
        let handler = KafkaLogBridge.handler(logger: logger, client: "producer")
        handler(.error, "FAIL", "127.0.0.1:1/bootstrap: Connect to ipv4#127.0.0.1:1 failed: Connection refused")
        handler(.info, "INFO", "below the logger's level")
        #expect(buffer.lines.count == 1)
        let line = buffer.lines.first ?? ""
        #expect(line.contains(#""level":"error""#))
        #expect(line.contains(#""kafka_client":"producer""#))
        #expect(line.contains(#""kafka_facility":"FAIL""#))
        #expect(line.contains(#""component":"librdkafka""#))
        #expect(line.contains("Connection refused"))
    }

    @Test("KAFKA_CLIENT_LOG_LEVEL: default warning, names and numbers, a clear error otherwise")
    func clientLogLevel() throws {
        #expect(try BusSettings(EnvironmentReader([:])).clientLogLevel == .warning)
        #expect(try BusSettings(EnvironmentReader(["KAFKA_CLIENT_LOG_LEVEL": "Info"])).clientLogLevel == .info)
        #expect(try BusSettings(EnvironmentReader(["KAFKA_CLIENT_LOG_LEVEL": "3"])).clientLogLevel == .error)
        do {
            _ = try BusSettings(EnvironmentReader(["KAFKA_CLIENT_LOG_LEVEL": "loud"]))
            Issue.record("expected an error")
        } catch {
            #expect(error.variable == "KAFKA_CLIENT_LOG_LEVEL")
        }
    }

    @Test(
        "TopicBootstrapper takes the client log level and routes the admin client's lines",
        .enabled(if: TestEnvironment.hasKafka), .timeLimit(.minutes(1)))
    func bootstrapper() async throws {
        let bootstrap = try TestEnvironment.requireKafkaBootstrap()
        let buffer = LogBuffer()
        let logger = Logger(service: "svc", instance: "1", sink: .buffer(buffer))
        await TopicBootstrapper.ensureTopics(
            bootstrapServers: bootstrap, clientId: "bootstrapper-test", partitions: 6, replicationFactor: 1,
            logger: logger, clientLogLevel: .warning, routeClientLogs: true)
        #expect(buffer.lines.contains { $0.contains("all topics exist") })
    }
}
