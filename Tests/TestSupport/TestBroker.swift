import Foundation

/// A private Kafka-protocol broker (our `kafka-mock-broker`, hosting librdkafka's mock cluster) in
/// its own process, for tests that need the standard `smartwhale.data.*` topics to themselves.
public final class TestBroker: Sendable {
    /// The process.
    public let process: ChildProcess
    /// Bootstrap servers.
    public let bootstrap: String
    /// Control FIFO for fault injection.
    public let controlPath: String

    private init(process: ChildProcess, bootstrap: String, controlPath: String) {
        self.process = process
        self.bootstrap = bootstrap
        self.controlPath = controlPath
    }

    /// Starts a broker with the default topics.
    public static func start(brokers: Int = 1, extraArguments: [String] = []) async throws -> TestBroker {
        let bin = try TestEnvironment.requireBinDir()
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("slothunter-broker-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let control = dir.appendingPathComponent("control").path
        let process = try ChildProcess(
            name: "kafka-mock-broker", executable: "\(bin)/kafka-mock-broker",
            arguments: ["--brokers", String(brokers), "--control", control] + extraArguments)
        let bootstrap = try await process.waitForLine(startingWith: "READY ")
        return TestBroker(process: process, bootstrap: bootstrap, controlPath: control)
    }

    /// Sends a fault-injection command (e.g. `broker-down 1`) through the control FIFO.
    public func control(_ command: String) throws {
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: controlPath))
        defer { try? handle.close() }
        try handle.write(contentsOf: Data((command + "\n").utf8))
    }

    /// Stops the broker.
    public func stop() async {
        await process.terminate(grace: .seconds(5))
    }
}
