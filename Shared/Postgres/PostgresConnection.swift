import Synchronization

/// One connection leased from a `PostgresClient` for the duration of `withConnection` or
/// `withTransaction`. Statements on it run in order on the same server session.
///
/// Using it after its scope ended throws `.connectionReleased`: it may already serve someone else.
public final class PostgresConnection: PostgresQueryable, Sendable {
    let connection: LibPQConnection
    private let isLeased = Mutex(true)

    init(leasing connection: LibPQConnection) {
        self.connection = connection
    }

    /// Runs one statement with bound parameters on this session.
    @discardableResult
    public func query(_ query: PostgresQuery) async throws(PostgresError) -> PostgresRows {
        try checkLeased()
        return try await connection.query(query)
    }

    /// Runs trusted SQL text without parameters on this session.
    public func execute(unsafeSQL: String) async throws(PostgresError) {
        try checkLeased()
        _ = try await connection.execute(unsafeSQL)
    }

    /// Runs `body` between BEGIN and COMMIT on this session; ROLLBACK if it throws.
    ///
    /// COMMIT of a transaction that an earlier statement aborted (the server answers ROLLBACK)
    /// throws `.transactionRolledBack`. Internal: a public nested BEGIN would commit the outer
    /// transaction early; `PostgresClient.withTransaction` is the way in.
    func transaction<T>(
        isolation: isolated (any Actor)? = #isolation, _ body: (PostgresConnection) async throws -> T
    ) async throws -> T {
        try checkLeased()
        _ = try await connection.execute("BEGIN")
        let value: T
        do {
            value = try await body(self)
        } catch {
            // Not cancellable: a cancelled task must still leave the session clean.
            _ = try? await connection.execute("ROLLBACK", cancellable: false)
            throw error
        }
        let result = try await connection.execute("COMMIT", cancellable: false)
        if result.commandTag == "ROLLBACK" {
            throw PostgresError(
                code: .transactionRolledBack,
                message: "the transaction was aborted by an earlier error and has been rolled back")
        }
        return value
    }

    func endLease() {
        isLeased.withLock { $0 = false }
    }

    private func checkLeased() throws(PostgresError) {
        guard isLeased.withLock({ $0 }) else {
            throw PostgresError(code: .connectionReleased, message: "the connection was used after its scope ended")
        }
    }
}
