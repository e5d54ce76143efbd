/// Something that runs statements: the pooled `PostgresClient` or one leased `PostgresConnection`.
/// Stores take one of these so the same code runs inside or outside a transaction.
public protocol PostgresQueryable: Sendable {
    /// Runs one statement with bound parameters and returns its complete result.
    @discardableResult
    func query(_ query: PostgresQuery) async throws(PostgresError) -> PostgresRows

    /// Runs trusted SQL text without parameters, possibly several statements separated by `;`.
    func execute(unsafeSQL: String) async throws(PostgresError)
}
