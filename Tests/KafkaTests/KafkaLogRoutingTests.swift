import Foundation
import TestSupport
import Testing

@testable import Kafka

/// librdkafka's log lines through `logHandler` instead of stderr, and `logLevel`.
@Suite("Kafka log routing")
struct KafkaLogRoutingTests {
    /// Lines one handler received.
    final class Lines: Sendable {
        struct Line: Sendable {
            var level: KafkaLogLevel
            var facility: String
            var message: String
        }

        private let lines = TestLocked([Line]())

        var all: [Line] { lines.withLock { $0 } }

        var handler: KafkaLogHandler {
            { [lines] level, facility, message in
                lines.withLock { $0.append(Line(level: level, facility: facility, message: message)) }
            }
        }

        /// Waits until at least one line arrived; bounded by count of polls, not a tight time.
        func waitForAny(timeout: Duration = .seconds(20)) async -> Bool {
            (try? await eventually(within: timeout, "a log line") { !all.isEmpty }) != nil
        }
    }

    private static func unreachableProducer(
        clientId: String, logLevel: KafkaLogLevel? = nil, handler: KafkaLogHandler?
    ) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(bootstrapServers: "127.0.0.1:1", clientId: clientId)
        configuration.extra = ["reconnect.backoff.ms": "200", "reconnect.backoff.max.ms": "500"]
        configuration.logLevel = logLevel
        configuration.logHandler = handler
        configuration.closeTimeout = .seconds(1)
        return try KafkaProducer(configuration: configuration)
    }

    @Test(
        "a producer at an unreachable broker logs through the handler and prints nothing on stderr",
        .timeLimit(.minutes(1)))
    func producerLogsGoToHandler() async throws {
        let routedId = KafkaTestEnvironment.uniqueName("logs-routed")
        let controlId = KafkaTestEnvironment.uniqueName("logs-control")
        let lines = Lines()
        let (_, captured) = try await StandardErrorCapture.run { capture in
            // The control client keeps librdkafka's default: its lines must show up in the capture,
            // which proves the capture sees what librdkafka prints.
            let control = try Self.unreachableProducer(clientId: controlId, handler: nil)
            let routed = try Self.unreachableProducer(clientId: routedId, handler: lines.handler)
            // A metadata request makes both connect (and fail) now.
            async let controlProbe = control.isBrokerReachable(timeout: .seconds(2))
            async let routedProbe = routed.isBrokerReachable(timeout: .seconds(2))
            #expect(await controlProbe == false)
            #expect(await routedProbe == false)
            #expect(await lines.waitForAny())
            try? await eventually(within: .seconds(20), "the control producer's lines on stderr") { capture.text.contains(controlId) }
            await routed.close()
            await control.close()
        }
        #expect(captured.contains(controlId), "the control producer's librdkafka lines should be on stderr")
        #expect(!captured.contains(routedId), "the routed producer printed on stderr")
        let received = lines.all
        #expect(!received.isEmpty)
        #expect(received.allSatisfy { !$0.facility.isEmpty && !$0.message.isEmpty })
        // Connection refused is logged at error level with the broker's address.
        #expect(received.contains { $0.level == .error && $0.message.contains("127.0.0.1:1") })
    }

    @Test("logLevel drops librdkafka's lines below the threshold", .timeLimit(.minutes(1)))
    func logLevelQuiets() async throws {
        let everything = Lines()
        let warningsUp = Lines()
        let criticalOnly = Lines()
        let producers = [
            try Self.unreachableProducer(
                clientId: KafkaTestEnvironment.uniqueName("logs-all"), handler: everything.handler),
            try Self.unreachableProducer(
                clientId: KafkaTestEnvironment.uniqueName("logs-warning"), logLevel: .warning,
                handler: warningsUp.handler),
            try Self.unreachableProducer(
                clientId: KafkaTestEnvironment.uniqueName("logs-critical"), logLevel: .critical,
                handler: criticalOnly.handler),
        ]
        for producer in producers { #expect(await producer.isBrokerReachable(timeout: .seconds(2)) == false) }
        #expect(await everything.waitForAny())
        #expect(await warningsUp.waitForAny())
        // By the time the other two saw connection failures (error level), this one saw the same
        // failures and dropped them.
        for producer in producers { await producer.close() }
        #expect(warningsUp.all.allSatisfy { $0.level >= .warning })
        #expect(criticalOnly.all.allSatisfy { $0.level >= .critical })
        #expect(criticalOnly.all.isEmpty)
    }

    @Test("a consumer and an admin client route their lines too", .timeLimit(.minutes(1)))
    func consumerAndAdminLogs() async throws {
        let consumerLines = Lines()
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: "127.0.0.1:1", groupId: KafkaTestEnvironment.uniqueName("g"),
            clientId: KafkaTestEnvironment.uniqueName("logs-consumer"), topics: ["t"])
        configuration.extra = ["reconnect.backoff.ms": "200", "reconnect.backoff.max.ms": "500"]
        configuration.logHandler = consumerLines.handler
        let consumer = try KafkaConsumer(configuration: configuration)
        #expect(await consumer.isBrokerReachable(timeout: .seconds(2)) == false)
        #expect(await consumerLines.waitForAny())
        await consumer.close()

        let adminLines = Lines()
        let admin = try KafkaAdmin(
            bootstrapServers: "127.0.0.1:1", clientId: KafkaTestEnvironment.uniqueName("logs-admin"),
            logLevel: .info, logHandler: adminLines.handler)
        await #expect(throws: KafkaError.self) { _ = try await admin.listTopics(timeout: .seconds(2)) }
        #expect(await adminLines.waitForAny())
        admin.close()
        await #expect(throws: KafkaError.self) { _ = try await admin.listTopics(timeout: .seconds(1)) }
    }

    @Test("logLevel becomes log_level, over extra; a handler does not change the properties")
    func properties() {
        var producer = KafkaProducerConfiguration(bootstrapServers: "b:1", clientId: "c")
        #expect(!producer.librdkafkaProperties.contains { $0.0 == "log_level" })
        producer.extra = ["log_level": "7"]
        producer.logLevel = .warning
        producer.logHandler = { _, _, _ in }
        let producerProperties = Dictionary(producer.librdkafkaProperties, uniquingKeysWith: { _, last in last })
        #expect(producerProperties["log_level"] == "4")

        var consumer = KafkaConsumerConfiguration(bootstrapServers: "b:1", groupId: "g", clientId: "c", topics: ["t"])
        consumer.logLevel = .error
        let consumerProperties = Dictionary(consumer.librdkafkaProperties, uniquingKeysWith: { _, last in last })
        #expect(consumerProperties["log_level"] == "3")
    }

    @Test("KafkaLogLevel maps syslog numbers and names")
    func levels() {
        #expect(KafkaLogLevel(syslogLevel: 3) == .error)
        #expect(KafkaLogLevel(syslogLevel: -1) == .emergency)
        #expect(KafkaLogLevel(syslogLevel: 99) == .debug)
        #expect(KafkaLogLevel.warning.syslogLevel == 4)
        #expect(KafkaLogLevel.debug < .info && KafkaLogLevel.error > .warning && KafkaLogLevel.emergency > .critical)
        #expect(KafkaLogLevel(name: "WARNING") == .warning)
        #expect(KafkaLogLevel(name: "6") == .info)
        #expect(KafkaLogLevel(name: "loud") == nil)
        #expect(KafkaLogLevel(name: "8") == nil)
        #expect(KafkaLogLevel.allCases.allSatisfy { KafkaLogLevel(name: $0.name) == $0 })
    }
}
