import Foundation
import ServiceRuntime

/// A child process started by a test (a service executable, a broker, a stand-in), with its output
/// captured to a file and a `READY …` line awaited.
public final class ChildProcess: @unchecked Sendable {
    // @unchecked: `process` is only mutated in init; Foundation's Process is thread-safe for
    // terminate/isRunning/processIdentifier.
    public let name: String
    private let process: Process
    /// Fires when the process has exited (Foundation's termination handler).
    private let exited = OneShotEvent()
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
        process.terminationHandler = { [exited] _ in exited.fire() }
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
        do {
            return try await eventuallyValue(within: timeout, "\(name) to print a line starting with \(prefix)") { () throws -> String? in
                for line in output.split(separator: "\n") where line.hasPrefix(prefix) {
                    return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces)
                }
                guard process.isRunning else {
                    throw ChildProcessError("\(name) exited (status \(process.terminationStatus)):\n\(output.suffix(3000))")
                }
                return nil
            }
        } catch is EventuallyTimeout {
            throw ChildProcessError("\(name) printed no line starting with \(prefix) within \(timeout):\n\(output.suffix(3000))")
        }
    }

    /// Waits until the output contains `text`.
    public func waitForOutput(containing text: String, timeout: Duration = .seconds(30)) async throws {
        do {
            try await eventually(within: timeout, every: .milliseconds(100), "\(name) to print \(text)") { output.contains(text) }
        } catch is EventuallyTimeout {
            throw ChildProcessError("\(name) never printed \(text) within \(timeout):\n\(output.suffix(3000))")
        }
    }

    /// SIGTERM, then wait up to `grace` for exit (SIGKILL after). Returns the exit status.
    @discardableResult
    public func terminate(grace: Duration = .seconds(15)) async -> Int32 {
        guard process.isRunning else { return await exitStatus() }
        process.terminate()
        if await !exited.wait(until: .now + grace) { kill(process.processIdentifier, SIGKILL) }
        return await exitStatus()
    }

    /// SIGKILL: a crash.
    public func kill9() async {
        guard process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        _ = await exitStatus()
    }

    /// Waits for the exit (however it comes) and returns the exit status.
    @discardableResult
    public func exitStatus() async -> Int32 {
        await exited.wait()
        // The handler fires as the process is reaped; isRunning turns false in the same step.
        while process.isRunning { await Task.yield() }
        return process.terminationStatus
    }

    /// Waits up to `timeout` for the exit; returns whether the process has exited.
    public func waitForExit(within timeout: Duration) async -> Bool {
        await exited.wait(until: .now + timeout)
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
