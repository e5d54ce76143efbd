import Foundation
import TestSupport

/// A private `kafka-mock-broker` process for tests that must not disturb the shared broker
/// (broker outages) or that test the host binary itself.
final class MockBrokerProcess {
    let directory: URL
    let bootstrapFile: String
    let controlPath: String
    private let process = Process()
    private let output = TestLocked("")
    private let outputPipe = Pipe()
    private(set) var bootstrap = ""

    /// Prepares (does not start) a host with `arguments` plus its own bootstrap file and FIFO.
    init(binDirectory: String, arguments: [String]) throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent(KafkaTestEnvironment.uniqueName("mockbroker"))
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        bootstrapFile = directory.appendingPathComponent("bootstrap").path
        controlPath = directory.appendingPathComponent("control").path
        process.executableURL = URL(fileURLWithPath: binDirectory).appendingPathComponent("kafka-mock-broker")
        process.arguments = arguments + ["--bootstrap-file", bootstrapFile, "--control", controlPath]
        process.standardOutput = outputPipe
        let output = self.output
        outputPipe.fileHandleForReading.readabilityHandler = { handle in
            let text = String(decoding: handle.availableData, as: UTF8.self)
            output.withLock { $0 += text }
        }
    }

    deinit {
        outputPipe.fileHandleForReading.readabilityHandler = nil
        if process.isRunning { process.terminate() }
        try? FileManager.default.removeItem(at: directory)
    }

    /// Starts the process and waits for its `READY <bootstrap>` line.
    func start() async throws {
        try process.run()
        guard await waitForOutput("READY ", timeout: .seconds(10)) else {
            throw KafkaTestEnvironment.Missing(description: "kafka-mock-broker did not get ready: \(text)")
        }
        let line = text.split(separator: "\n").first { $0.hasPrefix("READY ") } ?? ""
        bootstrap = String(line.dropFirst("READY ".count))
    }

    /// Everything the host printed so far.
    var text: String { output.withLock { $0 } }

    /// Waits until the output contains `needle`.
    func waitForOutput(_ needle: String, timeout: Duration = .seconds(5)) async -> Bool {
        (try? await eventually(within: timeout, "kafka-mock-broker to print \(needle)") { text.contains(needle) }) != nil
    }

    /// Sends one control command.
    func control(_ command: String) throws {
        try KafkaTestEnvironment.sendControl(command, to: controlPath)
    }

    /// Sends SIGTERM and waits for the exit; returns the exit status (nil if it did not exit).
    func stop() async -> Int32? {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        try? await eventually(within: .seconds(10), "kafka-mock-broker to exit") { !process.isRunning }
        return process.isRunning ? nil : process.terminationStatus
    }
}
