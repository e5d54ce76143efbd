import Foundation
import Postgres
import Storage
import Testing

/// Serialized: every migrator takes the same advisory lock, and `lockReleased` inspects it.
@Suite("Migrator", .serialized, .enabled(if: PostgresTestDatabase.isEnabled), .timeLimit(.minutes(1)))
struct MigratorTests {
    static let migrations = [
        Migration(
            version: 1, name: "create_doctors",
            sql: """
                CREATE TABLE doctors (slug text PRIMARY KEY, name text NOT NULL);
                SELECT pg_sleep(0.3);
                """),
        Migration(version: 2, name: "add_specialty", sql: "ALTER TABLE doctors ADD COLUMN specialty text"),
    ]

    private func recorded(_ client: PostgresClient) async throws -> [(Int, String)] {
        try await client.query("SELECT version, name FROM schema_migrations ORDER BY version").decode((Int, String).self)
    }

    @Test("applies pending migrations once; a second run does nothing")
    func appliesOnce() async throws {
        try await PostgresTestDatabase.withSchema { configuration in
            try await PostgresTestDatabase.withClient(configuration: configuration) { client in
                let migrator = Migrator(client: client, migrations: Self.migrations)
                #expect(try await migrator.migrate() == [1, 2])
                #expect(try await migrator.migrate() == [])
                #expect(try await recorded(client).map(\.0) == [1, 2])
                #expect(try await recorded(client).map(\.1) == ["create_doctors", "add_specialty"])
                try await client.query("INSERT INTO doctors (slug, name, specialty) VALUES (\("dr-a"), \("دکتر"), \(String?.none))")
                // A later release adds migration 3: only it runs.
                let next = Self.migrations + [Migration(version: 3, name: "index_name", sql: "CREATE INDEX doctors_name ON doctors (name)")]
                #expect(try await Migrator(client: client, migrations: next).migrate() == [3])
                let appliedAt = try await client.query("SELECT applied_at FROM schema_migrations WHERE version = 3")[0].decode(Date.self)
                #expect(abs(appliedAt.timeIntervalSinceNow) < 60)
            }
        }
    }

    @Test("two clients migrating at once apply each migration exactly once")
    func concurrentClients() async throws {
        try await PostgresTestDatabase.withSchema { configuration in
            let first = PostgresClient(configuration: configuration, poolSize: 1)
            let second = PostgresClient(configuration: configuration, poolSize: 1)
            async let a = Migrator(client: first, migrations: Self.migrations).migrate()
            async let b = Migrator(client: second, migrations: Self.migrations).migrate()
            let (appliedByA, appliedByB) = try await (a, b)
            #expect((appliedByA + appliedByB).sorted() == [1, 2])
            #expect(appliedByA.isEmpty || appliedByB.isEmpty)
            #expect(try await recorded(first).map(\.0) == [1, 2])
            await first.close()
            await second.close()
        }
    }

    @Test("a failing migration is rolled back whole and not recorded; fixing it applies it")
    func failingMigration() async throws {
        try await PostgresTestDatabase.withSchema { configuration in
            try await PostgresTestDatabase.withClient(configuration: configuration) { client in
                let broken = [
                    Self.migrations[0],
                    Migration(
                        version: 2, name: "add_specialty", sql: "CREATE TABLE half_done (id int); ALTER TABLE nowhere ADD COLUMN x int"),
                ]
                let error = await #expect(throws: PostgresError.self) { try await Migrator(client: client, migrations: broken).migrate() }
                #expect(error?.code == .migrationFailed)
                #expect(error?.sqlState == "42P01")
                #expect(error?.message.contains("migration 2") == true)
                #expect(try await recorded(client).map(\.0) == [1])
                let halfDone = try await client.query("SELECT to_regclass('half_done') IS NULL")[0].decode(Bool.self)
                #expect(halfDone)
                #expect(try await Migrator(client: client, migrations: Self.migrations).migrate() == [2])
            }
        }
    }

    @Test("the advisory lock is released after success and after failure")
    func lockReleased() async throws {
        try await PostgresTestDatabase.withSchema { configuration in
            try await PostgresTestDatabase.withClient(configuration: configuration) { client in
                let bad = [Migration(version: 1, name: "bad", sql: "SELEC 1")]
                await #expect(throws: PostgresError.self) { try await Migrator(client: client, migrations: bad).migrate() }
                #expect(try await Migrator(client: client, migrations: Self.migrations).migrate() == [1, 2])
                let held = try await client.query(
                    "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND ((classid::bigint << 32) | objid::bigint) = \(Migrator.advisoryLockKey)"
                )
                #expect(try held[0].decode(Int.self) == 0)
            }
        }
    }

    @Test("a renamed shipped migration is refused")
    func renamedMigration() async throws {
        try await PostgresTestDatabase.withSchema { configuration in
            try await PostgresTestDatabase.withClient(configuration: configuration) { client in
                try await Migrator(client: client, migrations: Self.migrations).migrate()
                var renamed = Self.migrations
                renamed[1].name = "something_else"
                let error = await #expect(throws: PostgresError.self) { try await Migrator(client: client, migrations: renamed).migrate() }
                #expect(error?.code == .migrationFailed)
            }
        }
    }

    @Test("the SlotHunter schema migrates an empty database, idempotently")
    func slotHunterMigrations() async throws {
        try await PostgresTestDatabase.withSchema { configuration in
            try await PostgresTestDatabase.withClient(configuration: configuration) { client async throws in
                let all = SlotHunterMigrations.all
                #expect(try await Migrator(client: client, migrations: all).migrate() == all.map(\.version).sorted())
                #expect(try await Migrator(client: client, migrations: all).migrate() == [])
            }
        }
    }
}

@Suite("Migrator validation")
struct MigratorValidationTests {
    @Test("duplicate or non-positive versions are refused before connecting")
    func invalidLists() async throws {
        let nowhere = PostgresClient(
            configuration: PostgresConfiguration(host: "127.0.0.1", port: 1, user: "u", database: "d"), poolSize: 1)
        for list in [
            [Migration(version: 1, name: "a", sql: ""), Migration(version: 1, name: "b", sql: "")],
            [Migration(version: 0, name: "zero", sql: "")],
        ] {
            let error = await #expect(throws: PostgresError.self) { try await Migrator(client: nowhere, migrations: list).migrate() }
            #expect(error?.code == .migrationFailed)
        }
        await nowhere.close()
    }
}
