/// A SQL statement whose interpolated values are bound parameters, never spliced text.
///
/// ```swift
/// let query: PostgresQuery = "SELECT name FROM users WHERE chat_id = \(chatID) AND status = \(status)"
/// // sql: "SELECT name FROM users WHERE chat_id = $1 AND status = $2", binds: [chatID, status]
/// ```
/// `\(unsafeRaw: name)` splices trusted text (identifiers from code, never user input).
public struct PostgresQuery: Sendable, Hashable, ExpressibleByStringInterpolation, CustomStringConvertible {
    /// The statement with `$1`, `$2`, ... placeholders.
    public var sql: String
    /// The values for the placeholders, in order.
    public var binds: [PostgresBind]

    /// A statement written by hand with its own `$n` placeholders. The name says why to prefer interpolation.
    public init(unsafeSQL: String, binds: [any PostgresEncodable] = []) {
        self.sql = unsafeSQL
        self.binds = binds.map { PostgresBind($0) }
    }

    /// A statement without parameters.
    public init(stringLiteral value: String) {
        self.sql = value
        self.binds = []
    }

    /// Built by the compiler from an interpolated string literal.
    public init(stringInterpolation: StringInterpolation) {
        self.sql = stringInterpolation.sql
        self.binds = stringInterpolation.binds
    }

    /// The SQL and the number of binds; never the bound values.
    public var description: String { "\(sql) [\(binds.count) bind\(binds.count == 1 ? "" : "s")]" }

    /// Turns `\(value)` into `$n` plus a bind, and `\(unsafeRaw:)` into text.
    public struct StringInterpolation: StringInterpolationProtocol, Sendable {
        /// The statement so far.
        public var sql: String
        /// The binds so far.
        public var binds: [PostgresBind]

        /// Reserves room for the literal parts.
        public init(literalCapacity: Int, interpolationCount: Int) {
            sql = ""
            sql.reserveCapacity(literalCapacity + interpolationCount * 3)
            binds = []
            binds.reserveCapacity(interpolationCount)
        }

        /// Literal SQL between interpolations.
        public mutating func appendLiteral(_ literal: String) { sql += literal }

        /// A bound value: appends the next `$n`.
        public mutating func appendInterpolation(_ value: some PostgresEncodable) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// An optional bound value: nil binds a typed NULL. (A separate overload so the compiler
        /// does not warn about interpolating an optional.)
        public mutating func appendInterpolation<Value: PostgresEncodable>(_ value: Value?) {
            binds.append(PostgresBind(value))
            sql += "$\(binds.count)"
        }

        /// Trusted SQL text (for example a table name chosen by code), inserted verbatim.
        public mutating func appendInterpolation(unsafeRaw text: String) { sql += text }
    }
}
