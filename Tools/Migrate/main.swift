import Foundation
import Postgres
import ServiceRuntime
import Storage

// `migrate`: applies SlotHunter's schema migrations to DATABASE_URL (or DATABASE_URL_FILE) and
// exits, the same step the notifier and the bot run at start. For a migration ahead of a
// rollout, and for scripts/backup-restore-test.sh, which needs the schema without a service.
// The URL is a secret and is never printed.

let usage = """
    migrate — applies the SlotHunter schema migrations to a PostgreSQL database and exits.

    Usage: migrate [--help]

    Environment:
      DATABASE_URL (or _FILE)  postgres://user:password@host:port/db (required; never logged)

    Exit status: 0 migrated (or already current), 1 failed, 78 bad configuration.
    """

if CommandLine.arguments.dropFirst().contains(where: { $0 == "--help" || $0 == "-h" }) {
    print(usage)
    exit(0)
}

func fail(_ message: String, status: Int32) -> Never {
    FileHandle.standardError.write(Data("migrate: \(message)\n".utf8))
    exit(status)
}

let configuration: PostgresConfiguration
do {
    let url = try EnvironmentReader().secret("DATABASE_URL")
    configuration = try PostgresConfiguration(url: url.value)
} catch let error as ConfigurationError {
    fail("\(error)", status: 78)
} catch {
    fail("DATABASE_URL is not a valid postgres:// URL", status: 78)
}

let client = PostgresClient(configuration: configuration, poolSize: 1)
do {
    try await DatabaseStartup.migrate(client, timeout: .seconds(30)) { print("migrate: \($0)") }
    await client.close()
    print("migrate: schema is current (\(SlotHunterMigrations.all.count) migrations)")
} catch {
    await client.close()
    fail("failed: \(error)", status: 1)
}
