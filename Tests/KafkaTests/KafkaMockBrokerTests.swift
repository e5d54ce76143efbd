import Foundation
import TestSupport
import Testing

@testable import Kafka

/// Starts the `kafka-mock-broker` binary itself: flags, readiness line, bootstrap file, control
/// FIFO, and a clean stop on SIGTERM.
@Suite("kafka-mock-broker")
struct KafkaMockBrokerTests {
    @Test(
        "starts, pre-creates topics, obeys the control FIFO and stops on SIGTERM",
        .enabled(if: KafkaTestEnvironment.binaryTestsEnabled), .timeLimit(.minutes(1)))
    func lifecycle() async throws {
        let host = try MockBrokerProcess(
            binDirectory: try KafkaTestEnvironment.requireBinDirectory(),
            arguments: ["--brokers", "2", "--topic", "alpha:3", "--topic", "beta:1"])
        try await host.start()
        #expect(host.bootstrap.split(separator: ",").count == 2)
        let written = try String(contentsOfFile: host.bootstrapFile, encoding: .utf8)
        #expect(written.trimmingCharacters(in: .whitespacesAndNewlines) == host.bootstrap)

        let admin = try KafkaAdmin(bootstrapServers: host.bootstrap, clientId: "mockbroker-test")
        defer { admin.close() }
        let topics = try await admin.listTopics(timeout: .seconds(5))
        #expect(topics["alpha"] == 3)
        #expect(topics["beta"] == 1)
        #expect(topics["smartwhale.data.watches"] == nil)

        try host.control("create-topic gamma 5")
        try host.control("no-such-command 1")
        try host.control("request-errors Produce NOT_LEADER_FOR_PARTITION 7")
        #expect(await host.waitForOutput("OK create-topic gamma"))
        #expect(await host.waitForOutput("ERR no-such-command"))
        #expect(await host.waitForOutput("OK request-errors api=0"))
        #expect(try await admin.listTopics(timeout: .seconds(5))["gamma"] == 5)

        #expect(await host.stop() == 0)
        #expect(await host.waitForOutput("STOPPED"))
        #expect(!FileManager.default.fileExists(atPath: host.controlPath))
        #expect(!FileManager.default.fileExists(atPath: host.bootstrapFile))
    }

    @Test(
        "--help prints the usage and exits 0; a bad flag exits 2",
        .enabled(if: KafkaTestEnvironment.binaryTestsEnabled), .timeLimit(.minutes(1)))
    func commandLine() async throws {
        let binDirectory = try KafkaTestEnvironment.requireBinDirectory()
        for (arguments, status) in [(["--help"], Int32(0)), (["--brokers", "zero"], Int32(2))] {
            let process = try ChildProcess(
                name: "kafka-mock-broker", executable: URL(fileURLWithPath: binDirectory).appendingPathComponent("kafka-mock-broker").path,
                arguments: arguments)
            try #require(await process.waitForExit(within: .seconds(10)), "\(arguments) did not exit")
            #expect(await process.exitStatus() == status, "\(arguments)")
        }
    }
}
