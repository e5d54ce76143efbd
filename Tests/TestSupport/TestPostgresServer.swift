import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A private PostgreSQL server in a temporary directory, for tests that stop and start the server
/// (failure drills) without disturbing the shared test server other tests use.
///
/// `initdb` refuses to run as root, so under root every server command runs as the `postgres`
/// user through `runuser` and the directory is handed to that user. Server binaries are looked up
/// under `/usr/lib/postgresql/<version>/bin` (highest version), or `SLOTHUNTER_PG_BIN_DIR`.
public final class TestPostgresServer: Sendable {
    /// Port on 127.0.0.1.
    public let port: Int
    /// The directory holding the data directory, the socket and the log.
    public let directory: URL
    /// `postgres://postgres@127.0.0.1:PORT/postgres`.
    public let url: String
    private let binDirectory: String
    private let runAsPostgres: Bool

    private init(port: Int, directory: URL, binDirectory: String, runAsPostgres: Bool) {
        self.port = port
        self.directory = directory
        self.url = "postgres://postgres@127.0.0.1:\(port)/postgres"
        self.binDirectory = binDirectory
        self.runAsPostgres = runAsPostgres
    }

    /// The data directory.
    public var dataDirectory: URL { directory.appendingPathComponent("data") }
    /// The server log.
    public var logURL: URL { directory.appendingPathComponent("server.log") }

    /// Creates a cluster (`initdb`) on a free port and starts it.
    public static func start() async throws -> TestPostgresServer {
        let bin = try findBinDirectory()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("slothunter-pg-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let root = geteuid() == 0
        if root { try await run("/bin/chown", ["postgres:postgres", directory.path]) }
        let server = TestPostgresServer(port: try freePort(), directory: directory, binDirectory: bin, runAsPostgres: root)
        try await server.command(
            "initdb", ["-D", server.dataDirectory.path, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"])
        try await server.start()
        return server
    }

    /// Starts the server (again) with the same options; waits until it accepts connections.
    public func start() async throws {
        let options = "-c listen_addresses=127.0.0.1 -p \(port) -k \(directory.path) -c fsync=off -c max_connections=200"
        try await command("pg_ctl", ["-D", dataDirectory.path, "-l", logURL.path, "-w", "-t", "60", "-o", options, "start"])
    }

    /// Stops the server (`pg_ctl stop -m fast`: clients are disconnected, no crash recovery needed).
    public func stop() async throws {
        try await command("pg_ctl", ["-D", dataDirectory.path, "-w", "-t", "60", "-m", "fast", "stop"])
    }

    /// Creates a fresh database on this server.
    public func createDatabase(prefix: String = "t") async throws -> TestDatabase {
        try await TestDatabase.create(prefix: prefix, on: url)
    }

    /// Stops the server if it runs and deletes its directory.
    public func destroy() async {
        try? await command("pg_ctl", ["-D", dataDirectory.path, "-w", "-t", "30", "-m", "immediate", "stop"])
        try? FileManager.default.removeItem(at: directory)
    }

    /// The server log so far (for failure messages).
    public var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    private func command(_ tool: String, _ arguments: [String]) async throws {
        let executable = "\(binDirectory)/\(tool)"
        if runAsPostgres {
            try await Self.run("/usr/sbin/runuser", ["-u", "postgres", "--", executable] + arguments)
        } else {
            try await Self.run(executable, arguments)
        }
    }

    /// Runs a command to completion without blocking a thread of the cooperative pool.
    ///
    /// Not through Foundation's `Process`: `pg_ctl start` leaves the server running, and the
    /// server would inherit the descriptor `Process` watches for its child's exit, so that exit
    /// would never be noticed. Here the child gets stdin from `/dev/null`, stdout and stderr into
    /// a file, no other descriptor, and a dispatch thread `waitpid`s for it.
    private static func run(_ executable: String, _ arguments: [String]) async throws {
        let outputPath = FileManager.default.temporaryDirectory.appendingPathComponent(
            "slothunter-pgcmd-\(UUID().uuidString.prefix(8)).log"
        ).path
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outputPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
        // A started server must not keep any other descriptor of this process open (Foundation
        // watches its children through one): the shell closes everything above stderr, then execs.
        let closeAndExec = #"for fd in $(ls /proc/$$/fd); do [ "$fd" -gt 2 ] && eval "exec $fd>&-"; done 2>/dev/null; exec "$@""#
        let command = ["/bin/bash", "-c", closeAndExec, "bash", executable] + arguments
        let argv: [UnsafeMutablePointer<CChar>?] = command.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let spawned = posix_spawn(&pid, "/bin/bash", &actions, nil, argv, environ)
        guard spawned == 0 else { throw TestPostgresServerError("cannot start \(executable): error \(spawned)") }
        let child = pid
        let status: Int32 = await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                var status: Int32 = 0
                while waitpid(child, &status, 0) == -1, errno == EINTR {}
                continuation.resume(returning: status)
            }
        }
        // Exited normally (low 7 bits 0) with code 0.
        guard status & 0x7f == 0, (status >> 8) & 0xff == 0 else {
            let text = (try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? ""
            throw TestPostgresServerError(
                "\(executable) \(arguments.joined(separator: " ")) failed (wait status \(status)):\n\(text.suffix(2000))")
        }
    }

    private static func findBinDirectory() throws -> String {
        if let bin = ProcessInfo.processInfo.environment["SLOTHUNTER_PG_BIN_DIR"], !bin.isEmpty { return bin }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .compactMap { Int($0) }.sorted()
        for version in versions.reversed() where FileManager.default.isExecutableFile(atPath: "\(root)/\(version)/bin/initdb") {
            return "\(root)/\(version)/bin"
        }
        throw TestPostgresServerError("no PostgreSQL server binaries under \(root) (set SLOTHUNTER_PG_BIN_DIR)")
    }

    /// A port nobody listens on right now (bound to 0 and released).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestPostgresServerError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else { throw TestPostgresServerError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let named = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard named == 0 else { throw TestPostgresServerError("getsockname() failed") }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A private PostgreSQL server could not be created, started or stopped.
public struct TestPostgresServerError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
