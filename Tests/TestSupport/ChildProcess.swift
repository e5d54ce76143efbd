import Foundation

/// A child process started by a test (a service executable, a broker, a stand-in), with its output
/// captured to a file and a `READY …` line awaited.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` is only mutated in init; Foundation's Process is thread-safe for
    // terminate/isRunning/processIdentifier.
    public let name: String
    private let process: Process
    /// Where stdout and stderr go.
    public let logURL: URL

    /// Launches `executable` with arguments and extra environment.
    public init(name: String, executable: String, arguments: [String] = [], environment: [String: String] = [:]) throws {
        self.name = name
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        var env = ProcessInfo.processInfo.environment
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("slothunter-\(name)-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        self.process = process
        self.logURL = log
    }

    /// Process id.
    public var pid: Int32 { process.processIdentifier }
    /// Whether it still runs.
    public var isRunning: Bool { process.isRunning }

    /// Everything it printed so far.
    public var output: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    /// Waits until a line of output starts with `prefix`; returns the rest of that line.
    public func waitForLine(startingWith prefix: String, timeout: Duration = .seconds(30)) async throws -> String {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            for line in output.split(separator: "\n") where line.hasPrefix(prefix) {
                return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
            }
            guard process.isRunning else { throw ChildProcessError("\(name) exited (status \(process.terminationStatus)):\n\(output.suffix(3000))") }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw ChildProcessError("\(name) printed no line starting with \(prefix) within \(timeout):\n\(output.suffix(3000))")
    }

    /// Waits until the output contains `text`.
    public func waitForOutput(containing text: String, timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if output.contains(text) { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw ChildProcessError("\(name) never printed \(text) within \(timeout):\n\(output.suffix(3000))")
    }

    /// SIGTERM, then wait up to `grace` for exit (SIGKILL after). Returns the exit status.
    @discardableResult
    public func terminate(grace: Duration = .seconds(15)) async -> Int32 {
        guard process.isRunning else { return process.terminationStatus }
        process.terminate()
        let deadline = ContinuousClock.now + grace
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }

    /// SIGKILL: a crash.
    public func kill9() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// A child process failed to start or to become ready.
public struct ChildProcessError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
