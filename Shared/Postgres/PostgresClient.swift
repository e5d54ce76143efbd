import Synchronization
import Dispatch

/// A pool of PostgreSQL connections: the way services talk to the database.
///
/// Each connection lives on its own serial `DispatchQueue`; libpq never runs on Swift's
/// cooperative pool. Connections open lazily. A connection that broke (server restart, backend
/// terminated) fails the statement that hit it with a retriable error and reconnects on its next
/// use; an idle connection found dead is replaced before use.
///
/// ```swift
/// let client = PostgresClient(configuration: try PostgresConfiguration(url: databaseURL))
/// let rows = try await client.query("SELECT chat_id FROM users WHERE status = \(status)")
/// for row in rows { let chatID = try row.decode(Int64.self) }
/// ```
public final class PostgresClient: PostgresQueryable, Sendable {
    /// Where the connections go.
    public let configuration: PostgresConfiguration
    /// The number of connections.
    public let poolSize: Int
    private let pool: ConnectionPool

    /// Tasks waiting for a connection (for tests).
    var waitingTaskCount: Int { pool.waiterCount }

    /// Connections in use (for tests).
    var leasedConnectionCount: Int { pool.leasedCount }

    /// Creates the pool; nothing connects until the first use.
    public init(configuration: PostgresConfiguration, poolSize: Int = 4) {
        self.configuration = configuration
        self.poolSize = max(1, poolSize)
        self.pool = ConnectionPool(configuration: configuration, size: self.poolSize)
    }

    /// Runs one statement on any pooled connection.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws(PostgresError) -> PostgresRows {
        let connection = try await pool.acquire()
        let result: Result<PostgresRows, PostgresError>
        do throws(PostgresError) { result = .success(try await connection.query(query)) } catch { result = .failure(error) }
        await connection.resetAfterUse()
        pool.release(connection)
        return try result.get()
    }

    /// Runs trusted SQL text without parameters on any pooled connection.
    public func execute(unsafeSQL: String) async throws(PostgresError) {
        let connection = try await pool.acquire()
        let result: Result<PostgresRows, PostgresError>
        do throws(PostgresError) { result = .success(try await connection.execute(unsafeSQL)) } catch { result = .failure(error) }
        await connection.resetAfterUse()
        pool.release(connection)
        _ = try result.get()
    }

    /// Leases one connection for `body`, so its statements share a session. A transaction left
    /// open by `body` is rolled back before the connection returns to the pool.
    public func withConnection<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        let connection = try await pool.acquire()
        let lease = PostgresConnection(leasing: connection)
        let result: Result<T, any Error>
        do { result = .success(try await body(lease)) } catch { result = .failure(error) }
        lease.endLease()
        await connection.resetAfterUse()
        pool.release(connection)
        return try result.get()
    }

    /// Runs `body` in a transaction: BEGIN, then COMMIT if it returns, ROLLBACK if it throws
    /// (and the error is rethrown). A COMMIT that the server turns into ROLLBACK, because a
    /// statement inside failed and `body` swallowed the error, throws `.transactionRolledBack`.
    public func withTransaction<T: Sendable>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try await withConnection(isolation: isolation) { connection in
            try await connection.transaction(isolation: isolation, body)
        }
    }

    /// Whether the server answers `SELECT 1` within 3 seconds, on a fresh connection outside
    /// the pool (a busy pool does not make the database look down).
    public func isReachable() async -> Bool {
        await isReachable(timeout: .seconds(3))
    }

    /// Whether the server answers `SELECT 1` within `timeout` on a fresh connection (libpq
    /// `connect_timeout` and a `statement_timeout` bound the attempt; the answer never waits longer).
    public func isReachable(timeout: Duration) async -> Bool {
        var probeConfiguration = configuration
        probeConfiguration.connectTimeout = min(configuration.connectTimeout, timeout)
        let milliseconds = max(1, timeout.components.seconds * 1000 + timeout.components.attoseconds / 1_000_000_000_000_000)
        let statementTimeout = "-c statement_timeout=\(milliseconds)"
        probeConfiguration.parameters["options"] = [probeConfiguration.parameters["options"], statementTimeout]
            .compactMap { $0 }.joined(separator: " ")
        let probe = LibPQConnection(configuration: probeConfiguration, label: "probe")
        let answer = Mutex<CheckedContinuation<Bool, Never>?>(nil)
        let nanoseconds = max(0, timeout.components.seconds) * 1_000_000_000 + timeout.components.attoseconds / 1_000_000_000
        return await withCheckedContinuation { continuation in
            answer.withLock { $0 = continuation }
            let resume: @Sendable (Bool) -> Void = { reachable in
                let pending = answer.withLock { pending in
                    defer { pending = nil }
                    return pending
                }
                pending?.resume(returning: reachable)
            }
            probe.probe(completion: resume)
            DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(Int(nanoseconds))) { resume(false) }
        }
    }

    /// Fails waiting tasks, lets leased connections finish, closes everything. Idempotent; later
    /// calls throw `.poolClosed`.
    public func close() async {
        await pool.close()
    }
}
