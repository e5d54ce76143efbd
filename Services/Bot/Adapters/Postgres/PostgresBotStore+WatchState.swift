import BotDomain
import Messaging
import Postgres

/// `WatchStateStore` on PostgreSQL: the target's lock is a transaction-level advisory lock, so it
/// holds across every process on the database (the bot is deployed as a single replica, but a
/// rolling restart or a second copy started by mistake must not break the watch topic either).
extension PostgresBotStore: WatchStateStore {
    /// The first key of the two-key advisory lock ("WTCH" in ASCII): keeps these locks apart from any
    /// other advisory lock on the database (the migrator's uses the one-key form, a separate space).
    static let watchLockNamespace: Int32 = 0x5754_4348

    public func withWatchLock(targetId: String, _ body: (DesiredWatch) async throws -> Void) async throws {
        try await client.withTransaction { connection in
            // Released by COMMIT or ROLLBACK, whatever `body` does. A hash collision only serialises two
            // unrelated targets.
            _ = try await connection.query(
                "SELECT pg_advisory_xact_lock(\(Self.watchLockNamespace), hashtext(\(targetId)))")
            // READ COMMITTED: this statement starts after the lock was granted, so it sees every
            // transaction that committed before this sync began.
            let rows = try await connection.query(
                """
                SELECT \(unsafeRaw: Self.targetColumns) FROM watch_targets t JOIN doctors d ON d.slug = t.doctor_slug
                WHERE t.id = \(targetId) AND EXISTS (SELECT 1 FROM subscriptions s WHERE s.target_id = t.id AND s.active)
                """)
            let desired: DesiredWatch = try rows.first.map { .watched(try Self.decodeTarget($0, from: 0)) } ?? .unwatched
            try await body(desired)
        }
    }
}
