/// Applies the migrations that the database has not seen yet, at start-up.
///
/// Safe to run from several processes at once: it holds a session-level `pg_advisory_lock` on a
/// dedicated connection (not one of the pool's), so the others wait and then find nothing to do.
/// Each migration and its `schema_migrations` row commit in one transaction.
public struct Migrator: Sendable {
    /// The advisory lock key every SlotHunter migrator takes ("SLOTHUNT" in ASCII).
    public static let advisoryLockKey: Int64 = 0x534C_4F54_4855_4E54

    private let client: PostgresClient
    private let migrations: [Migration]

    /// A migrator for these migrations, connecting where `client` does.
    public init(client: PostgresClient, migrations: [Migration]) {
        self.client = client
        self.migrations = migrations
    }

    /// Applies the pending migrations in version order and returns their versions (empty when
    /// the schema is current). A failed migration is rolled back and thrown (code
    /// `.migrationFailed`, with the server's SQLSTATE); the ones before it stay applied.
    @discardableResult
    public func migrate() async throws(PostgresError) -> [Int] {
        let ordered = try validated()
        let connection = LibPQConnection(configuration: client.configuration, label: "migrator")
        let session = PostgresConnection(leasing: connection)
        let result: Result<[Int], PostgresError>
        do throws(PostgresError) {
            result = .success(try await migrate(ordered, on: session))
        } catch {
            result = .failure(error)
        }
        session.endLease()
        // Closing the session also releases the advisory lock, whatever happened above.
        await connection.close()
        return try result.get()
    }

    private func migrate(_ ordered: [Migration], on session: PostgresConnection) async throws(PostgresError) -> [Int] {
        try await session.query("SELECT pg_advisory_lock(\(Self.advisoryLockKey))")
        try await session.execute(
            unsafeSQL: """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    applied_at TIMESTAMPTZ NOT NULL DEFAULT now()
                )
                """)
        var recorded: [Int: String] = [:]
        for row in try await session.query("SELECT version, name FROM schema_migrations") {
            let (version, name) = try row.decode((Int, String).self)
            recorded[version] = name
        }
        for migration in ordered {
            if let name = recorded[migration.version], name != migration.name {
                throw PostgresError(
                    code: .migrationFailed,
                    message: "migration \(migration.version) is recorded as \"\(name)\" but is now called \"\(migration.name)\"")
            }
        }

        var applied: [Int] = []
        for migration in ordered where recorded[migration.version] == nil {
            do {
                try await session.transaction { connection in
                    try await connection.execute(unsafeSQL: migration.sql)
                    try await connection.query(
                        "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))")
                }
            } catch let error as PostgresError {
                var failure = error
                failure.code = .migrationFailed
                failure.message = "migration \(migration.version) \"\(migration.name)\" failed: \(error.message)"
                throw failure
            } catch {
                throw PostgresError(code: .migrationFailed, message: "migration \(migration.version) failed: \(error)")
            }
            applied.append(migration.version)
        }
        try await session.query("SELECT pg_advisory_unlock(\(Self.advisoryLockKey))")
        return applied
    }

    private func validated() throws(PostgresError) -> [Migration] {
        var seen: Set<Int> = []
        for migration in migrations {
            guard migration.version > 0 else {
                throw PostgresError(code: .migrationFailed, message: "migration version \(migration.version) is not positive")
            }
            guard seen.insert(migration.version).inserted else {
                throw PostgresError(code: .migrationFailed, message: "migration version \(migration.version) appears twice")
            }
        }
        return migrations.sorted { $0.version < $1.version }
    }
}
