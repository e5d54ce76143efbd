import Foundation
import Postgres
import TestSupport

/// Clients, schemas and names for the integration tests against the real server at
/// `SLOTHUNTER_DATABASE_URL`. Tests run in parallel: every test uses its own table names or schema.
enum PostgresTestDatabase {
    /// True when the URL is set, or under CI (where a missing URL must fail the test).
    static var isEnabled: Bool { TestEnvironment.hasDatabase }

    static func configuration() throws -> PostgresConfiguration {
        var configuration = try PostgresConfiguration(url: TestEnvironment.requireDatabaseURL())
        configuration.applicationName = "slothunter-postgres-tests"
        return configuration
    }

    /// A lowercase identifier unique to this run: `prefix_1a2b3c4d`.
    static func uniqueName(_ prefix: String) -> String {
        "\(prefix)_\(UUID().uuidString.prefix(8).lowercased())"
    }

    /// A client that is closed after `body`, whatever happens.
    static func withClient<T: Sendable>(
        poolSize: Int = 4, configuration: PostgresConfiguration? = nil, _ body: (PostgresClient) async throws -> T
    ) async throws -> T {
        let client = PostgresClient(configuration: try configuration ?? self.configuration(), poolSize: poolSize)
        do {
            let value = try await body(client)
            await client.close()
            return value
        } catch {
            await client.close()
            throw error
        }
    }

    /// A fresh schema, a configuration whose `search_path` points at it, then the schema dropped.
    static func withSchema<T: Sendable>(_ body: (PostgresConfiguration) async throws -> T) async throws -> T {
        let schema = uniqueName("test")
        let base = try configuration()
        return try await withClient(poolSize: 1, configuration: base) { admin in
            try await admin.execute(unsafeSQL: "CREATE SCHEMA \(schema)")
            var scoped = base
            scoped.parameters["options"] = "-c search_path=\(schema)"
            do {
                let value = try await body(scoped)
                try await admin.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE")
                return value
            } catch {
                try? await admin.execute(unsafeSQL: "DROP SCHEMA \(schema) CASCADE")
                throw error
            }
        }
    }

    /// The server process id of the session `connection` belongs to.
    static func backendPID(_ connection: some PostgresQueryable) async throws -> Int32 {
        try await connection.query("SELECT pg_backend_pid()")[0].decode(Int32.self)
    }

    /// Terminates a backend from another session and waits until it is gone.
    static func terminate(pid: Int32, using admin: PostgresClient) async throws {
        let terminated = try await admin.query("SELECT pg_terminate_backend(\(pid))")[0].decode(Bool.self)
        if !terminated {
            // Already gone (it may have exited on its own under load): nothing left to terminate.
            let alive = try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)")[0].decode(Int.self)
            guard alive == 0 else { throw PostgresError(code: .queryFailed, message: "backend \(pid) could not be terminated") }
            return
        }
        try? await eventually(within: .seconds(2), every: .milliseconds(20), "backend \(pid) gone") {
            try await admin.query("SELECT count(*) FROM pg_stat_activity WHERE pid = \(pid)")[0].decode(Int.self) == 0
        }
    }

    /// Waits until a statement starting with `statement` is active on the server (in backend `pid`
    /// if given), so what a test does next meets it running. Uses `admin`, or a client of its own.
    static func waitUntilRunning(_ statement: String, pid: Int32? = nil, using admin: PostgresClient? = nil) async throws {
        let configuration = try configuration()
        let client = admin ?? PostgresClient(configuration: configuration, poolSize: 1)
        defer { if admin == nil { Task { await client.close() } } }
        let pattern = statement + "%"
        try await eventually(within: .seconds(10), every: .milliseconds(20), "\(statement) running on the server") {
            let rows = try await client.query(
                "SELECT pid FROM pg_stat_activity WHERE state = 'active' AND query LIKE \(pattern) AND pid <> pg_backend_pid()")
            let pids = try rows.map { try $0.decode(Int32.self) }
            return pid.map(pids.contains) ?? !pids.isEmpty
        }
    }
}
