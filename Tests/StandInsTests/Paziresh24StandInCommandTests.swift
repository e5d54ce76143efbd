import Foundation
import StandIns
import Testing

@Suite struct Paziresh24StandInCommandTests {
    @Test func parsesPortHostAndPortFile() throws {
        let options = try #require(
            try Paziresh24StandInCommand.parse(["--port", "18024", "--port-file", "run/standin.port", "--host", "0.0.0.0"]))
        #expect(options.port == 18024 && options.portFile == "run/standin.port" && options.host == "0.0.0.0")
        #expect(try Paziresh24StandInCommand.parse([])?.port == 0)
        #expect(try Paziresh24StandInCommand.parse(["--help"]) == nil)
    }

    @Test func rejectsBadArguments() {
        for arguments in [["--port"], ["--port", "x"], ["--port", "70000"], ["--bogus"], ["--port-file"]] {
            #expect(throws: Paziresh24StandInCommand.CommandLineError.self) { try Paziresh24StandInCommand.parse(arguments) }
        }
    }

    /// The built executable, when the test script exports its bin directory.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["SLOTHUNTER_BIN_DIR"] != nil))
    func theExecutableAnnouncesReadyAndWritesThePortFile() async throws {
        let bin = try #require(ProcessInfo.processInfo.environment["SLOTHUNTER_BIN_DIR"])
        let portFile = FileManager.default.temporaryDirectory.appendingPathComponent("pz-standin-\(UUID().uuidString).port")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: bin).appendingPathComponent("paziresh24-standin")
        process.arguments = ["--port", "0", "--port-file", portFile.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        defer {
            if process.isRunning { process.terminate() }
            try? FileManager.default.removeItem(at: portFile)
        }
        var port: Int?
        for _ in 0..<100 where port == nil {
            try await Task.sleep(for: .milliseconds(50))
            port = (try? String(contentsOf: portFile, encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let bound = try #require(port)
        process.terminate()
        process.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(printed.contains("READY http://127.0.0.1:\(bound)"))
        #expect(process.terminationStatus == 0)
    }
}
