/// A Swift value that can be sent as a bound parameter in PostgreSQL's text format.
///
/// Conforming: `String`, `Int`, `Int64`, `Int32`, `Int16`, `Bool`, `Double`, `Date` (timestamptz),
/// `UUID`, `[UInt8]` (bytea), arrays of the scalar types (`[String]`, `[Int64]`, ...) and `Optional`
/// of any of these (`nil` is SQL NULL).
public protocol PostgresEncodable: Sendable {
    /// The type announced to the server. `String` announces `.unknown`, so a string can fill a
    /// column of any type (uuid, jsonb, an enum) the way a quoted literal would.
    static var postgresDataType: PostgresDataType { get }

    /// The value in PostgreSQL's text input format; nil sends SQL NULL.
    func postgresText() -> String?
}

extension String: PostgresEncodable {
    /// `.unknown`: the server infers the type from context. Cast (`\(name)::text`) where it can't.
    public static var postgresDataType: PostgresDataType { .unknown }
    /// The string itself.
    public func postgresText() -> String? { self }
}

extension Int: PostgresEncodable {
    /// `bigint`
    public static var postgresDataType: PostgresDataType { .int8 }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension Int64: PostgresEncodable {
    /// `bigint`
    public static var postgresDataType: PostgresDataType { .int8 }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension Int32: PostgresEncodable {
    /// `integer`
    public static var postgresDataType: PostgresDataType { .int4 }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension Int16: PostgresEncodable {
    /// `smallint`
    public static var postgresDataType: PostgresDataType { .int2 }
    /// Decimal digits.
    public func postgresText() -> String? { String(self) }
}

extension Bool: PostgresEncodable {
    /// `boolean`
    public static var postgresDataType: PostgresDataType { .bool }
    /// `true` or `false`.
    public func postgresText() -> String? { self ? "true" : "false" }
}

extension Double: PostgresEncodable {
    /// `double precision`
    public static var postgresDataType: PostgresDataType { .float8 }
    /// The shortest text that reads back as the same value; `Infinity`, `-Infinity`, `NaN`.
    public func postgresText() -> String? {
        if isNaN { return "NaN" }
        if isInfinite { return self < 0 ? "-Infinity" : "Infinity" }
        return String(self)
    }
}

extension Optional: PostgresEncodable where Wrapped: PostgresEncodable {
    /// The wrapped type's, so a NULL is still typed.
    public static var postgresDataType: PostgresDataType { Wrapped.postgresDataType }
    /// nil is SQL NULL.
    public func postgresText() -> String? {
        switch self {
        case .some(let value): return value.postgresText()
        case .none: return nil
        }
    }
}
