import Foundation
import Kafka
import TestSupport
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where the integration tests find the broker host started by scripts/test.sh.
///
/// Outside CI a missing variable skips the tests (`.enabled(if:)`); with `CI=true` the tests run
/// and fail with a message naming the variable.
enum KafkaTestEnvironment {
    /// Why an integration test cannot run.
    struct Missing: Error, CustomStringConvertible {
        var description: String
    }

    static let environment = ProcessInfo.processInfo.environment
    static var isCI: Bool { environment["CI"] == "true" }
    static var bootstrap: String? { value("SLOTHUNTER_KAFKA_BOOTSTRAP") }
    static var control: String? { value("SLOTHUNTER_KAFKA_CONTROL") }
    static var binDirectory: String? { value("SLOTHUNTER_BIN_DIR") }

    /// Broker tests run when the bootstrap is known, and always under CI (to fail loudly).
    static var brokerTestsEnabled: Bool { bootstrap != nil || isCI }
    /// Fault tests also need the control FIFO.
    static var faultTestsEnabled: Bool { (bootstrap != nil && control != nil) || isCI }
    /// Tests of the broker host binary need the build's bin directory.
    static var binaryTestsEnabled: Bool { binDirectory != nil || isCI }

    static func requireBootstrap() throws -> String {
        guard let bootstrap else {
            throw Missing(
                description: "SLOTHUNTER_KAFKA_BOOTSTRAP is not set: start kafka-mock-broker (scripts/test.sh)")
        }
        return bootstrap
    }

    static func requireControl() throws -> String {
        guard let control else {
            throw Missing(description: "SLOTHUNTER_KAFKA_CONTROL is not set: start kafka-mock-broker with --control")
        }
        return control
    }

    static func requireBinDirectory() throws -> String {
        guard let binDirectory else {
            throw Missing(description: "SLOTHUNTER_BIN_DIR is not set: export `swift build --show-bin-path`")
        }
        return binDirectory
    }

    /// A name no other test (or earlier run against the same broker) uses.
    static func uniqueName(_ prefix: String) -> String {
        "test.\(prefix).\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// Creates `topic` through the control FIFO when there is one and waits until metadata shows
    /// it. Without a FIFO the mock cluster creates the topic with 4 partitions on the first
    /// produce, so tests produce before they consume. Returns the partition count to expect.
    @discardableResult
    static func makeTopic(_ topic: String, partitions: Int, bootstrap: String) async throws -> Int {
        guard let control else { return 4 }
        try sendControl("create-topic \(topic) \(partitions)", to: control)
        let admin = try KafkaAdmin(bootstrapServers: bootstrap, clientId: "test-admin")
        defer { admin.close() }
        let count = try? await eventuallyValue(within: .seconds(10), every: .milliseconds(100), "topic \(topic) in metadata") {
            try? await admin.listTopics(timeout: .seconds(2))[topic]
        }
        if let count { return count }
        throw Missing(description: "topic \(topic) did not appear after create-topic")
    }

    /// Writes one command line to the broker host's control FIFO (non-blocking open: the host
    /// keeps the FIFO open for reading, so this never waits).
    static func sendControl(_ command: String, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_NONBLOCK)
        guard descriptor >= 0 else {
            throw Missing(description: "cannot open control FIFO \(path): \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        let line = Array((command + "\n").utf8)
        let written = line.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == line.count else {
            throw Missing(description: "short write to control FIFO \(path)")
        }
    }

    static func producerConfiguration(_ bootstrap: String) -> KafkaProducerConfiguration {
        var configuration = KafkaProducerConfiguration(bootstrapServers: bootstrap, clientId: uniqueName("producer"))
        configuration.extra = ["reconnect.backoff.max.ms": "1000", "linger.ms": "1"]
        return configuration
    }

    /// Test timings from the measurements: 6 s session, 1 s heartbeat (2 s assigns nobody).
    static func consumerConfiguration(
        _ bootstrap: String, group: String, topics: [String]
    )
        -> KafkaConsumerConfiguration
    {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: bootstrap, groupId: group, clientId: uniqueName("consumer"), topics: topics)
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(1)
        configuration.extra = [
            "reconnect.backoff.max.ms": "1000", "fetch.wait.max.ms": "100",
            "topic.metadata.refresh.interval.ms": "1000",
        ]
        return configuration
    }

    private static func value(_ name: String) -> String? {
        guard let value = environment[name], !value.isEmpty else { return nil }
        return value
    }
}
