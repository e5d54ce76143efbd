import Foundation
import Postgres

/// Start-up step shared by the services that use PostgreSQL: wait for the server (with backoff,
/// so `docker compose up` ordering races are harmless) and apply the migrations.
public enum DatabaseStartup {
    /// Applies `SlotHunterMigrations.all`, retrying while the server is unreachable (up to `timeout`).
    public static func migrate(
        _ client: PostgresClient, timeout: Duration = .seconds(120),
        log: @Sendable (String) -> Void = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    ) async throws {
        let deadline = ContinuousClock.now + timeout
        var attempt = 0
        while true {
            do {
                let applied = try await Migrator(client: client, migrations: SlotHunterMigrations.all).migrate()
                if !applied.isEmpty { log("applied migrations: \(applied.map(String.init).joined(separator: ","))") }
                return
            } catch {
                attempt += 1
                guard error.isRetriable, ContinuousClock.now < deadline else { throw error }
                log("database not ready (\(error.code)); retrying")
                try await Task.sleep(for: .milliseconds(min(5000, 250 * (1 << min(attempt, 5)))))
            }
        }
    }
}
