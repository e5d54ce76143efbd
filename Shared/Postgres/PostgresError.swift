/// The one error type of the `Postgres` module.
///
/// Its `description` carries the code, the SQLSTATE and the server's primary message only: never a
/// bound parameter, never the password, never the server's DETAIL line (which echoes key values).
public struct PostgresError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is. An extensible set of codes, compared by value.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// A short stable name, e.g. `queryFailed`.
        public let rawValue: String

        /// Creates a code; prefer the static members.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        /// The text of the code.
        public var description: String { rawValue }

        /// The URL or configuration cannot be used.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// A connection could not be established (server down, refused, authentication failed).
        public static let connectionFailed = Code("connectionFailed")
        /// The connection broke while in use (server restart, backend terminated); the next use reconnects.
        public static let connectionLost = Code("connectionLost")
        /// The server rejected the statement; `sqlState` says why.
        public static let queryFailed = Code("queryFailed")
        /// A bound value cannot be sent (for example a string with a NUL character).
        public static let encodingFailed = Code("encodingFailed")
        /// A column could not be decoded into the requested Swift type.
        public static let decodingFailed = Code("decodingFailed")
        /// The transaction was aborted by an earlier error and has been rolled back instead of committed.
        public static let transactionRolledBack = Code("transactionRolledBack")
        /// The client was closed.
        public static let poolClosed = Code("poolClosed")
        /// A `PostgresConnection` was used after its `withConnection` scope ended.
        public static let connectionReleased = Code("connectionReleased")
        /// The waiting task was cancelled.
        public static let cancelled = Code("cancelled")
        /// An operation did not finish in time.
        public static let timeout = Code("timeout")
        /// A migration list is inconsistent with itself or with the database.
        public static let migrationFailed = Code("migrationFailed")
    }

    /// What kind of failure this is.
    public var code: Code
    /// The five-character SQLSTATE reported by the server, if any (e.g. `23505`).
    public var sqlState: String?
    /// A human-readable message without bound values or secrets.
    public var message: String
    /// The constraint the server named (unique and foreign-key violations), if any.
    public var constraintName: String?
    /// Whether trying the same operation again (after a short delay) may succeed.
    public var isRetriable: Bool

    /// Creates an error. `isRetriable` defaults to what the code and SQLSTATE suggest.
    public init(
        code: Code, message: String, sqlState: String? = nil, constraintName: String? = nil, isRetriable: Bool? = nil
    ) {
        self.code = code
        self.message = message
        self.sqlState = sqlState
        self.constraintName = constraintName
        self.isRetriable = isRetriable ?? Self.defaultRetriability(code: code, sqlState: sqlState)
    }

    /// SQLSTATE 23505: a unique constraint refused the row. Inserts use it to be idempotent.
    public var isUniqueViolation: Bool { sqlState == "23505" }

    /// SQLSTATE 23503: a foreign-key constraint refused the row.
    public var isForeignKeyViolation: Bool { sqlState == "23503" }

    /// `PostgresError(queryFailed, sqlState: 23505): duplicate key value violates unique constraint "users_pkey"`.
    public var description: String {
        var head = "PostgresError(\(code)"
        if let sqlState { head += ", sqlState: \(sqlState)" }
        if let constraintName { head += ", constraint: \(constraintName)" }
        if isRetriable { head += ", retriable" }
        return head + "): " + message
    }

    /// Connection trouble, serialization failures, deadlocks and server shutdowns are worth a retry;
    /// constraint violations and syntax errors are not.
    static func defaultRetriability(code: Code, sqlState: String?) -> Bool {
        switch code {
        case .connectionFailed, .connectionLost, .timeout: return true
        case .queryFailed, .transactionRolledBack:
            guard let sqlState else { return false }
            if sqlState.hasPrefix("08") || sqlState.hasPrefix("53") { return true }  // connection, resources
            return ["40001", "40P01", "57P01", "57P02", "57P03", "55P03"].contains(sqlState)
        default: return false
        }
    }
}
