/// One numbered schema change. A shipped migration is never edited: add the next number.
public struct Migration: Sendable, Hashable {
    /// Position in the history, unique and positive (1, 2, 3, ...).
    public var version: Int
    /// A short name, recorded with the version.
    public var name: String
    /// The SQL, possibly several statements; it runs in one transaction, so no `CONCURRENTLY`.
    public var sql: String

    /// Creates a migration.
    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }
}
