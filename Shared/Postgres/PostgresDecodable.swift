/// A Swift value that can be read from a column in PostgreSQL's text output format.
///
/// Same set as `PostgresEncodable`. Non-optional types reject SQL NULL; `Optional` maps it to nil.
public protocol PostgresDecodable: Sendable {
    /// Decodes a non-NULL value from its text output.
    init(postgresText text: String) throws(PostgresError)

    /// The value for SQL NULL: throws for non-optional types.
    static func postgresNull() throws(PostgresError) -> Self
}

extension PostgresDecodable {
    /// Non-optional types cannot hold NULL.
    public static func postgresNull() throws(PostgresError) -> Self {
        throw PostgresError(code: .decodingFailed, message: "unexpected NULL for non-optional \(Self.self)")
    }
}

extension PostgresError {
    /// A decoding failure that names the type but never echoes the value.
    static func cannotDecode(_ type: Any.Type, _ reason: String) -> PostgresError {
        PostgresError(code: .decodingFailed, message: "cannot decode \(type): \(reason)")
    }
}

extension String: PostgresDecodable {
    /// The text as is.
    public init(postgresText text: String) throws(PostgresError) { self = text }
}

extension Int: PostgresDecodable {
    /// Decimal digits (integer columns of any width).
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int(text) else { throw .cannotDecode(Int.self, "not an integer in range") }
        self = value
    }
}

extension Int64: PostgresDecodable {
    /// Decimal digits.
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int64(text) else { throw .cannotDecode(Int64.self, "not an integer in range") }
        self = value
    }
}

extension Int32: PostgresDecodable {
    /// Decimal digits.
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int32(text) else { throw .cannotDecode(Int32.self, "not an integer in range") }
        self = value
    }
}

extension Int16: PostgresDecodable {
    /// Decimal digits.
    public init(postgresText text: String) throws(PostgresError) {
        guard let value = Int16(text) else { throw .cannotDecode(Int16.self, "not an integer in range") }
        self = value
    }
}

extension Bool: PostgresDecodable {
    /// `t` / `f` (also `true` / `false`).
    public init(postgresText text: String) throws(PostgresError) {
        switch text {
        case "t", "true": self = true
        case "f", "false": self = false
        default: throw .cannotDecode(Bool.self, "not t or f")
        }
    }
}

extension Double: PostgresDecodable {
    /// Decimal or exponent notation, `Infinity`, `-Infinity`, `NaN`.
    public init(postgresText text: String) throws(PostgresError) {
        switch text {
        case "Infinity": self = .infinity
        case "-Infinity": self = -.infinity
        case "NaN": self = .nan
        default:
            guard let value = Double(text) else { throw .cannotDecode(Double.self, "not a number") }
            self = value
        }
    }
}

extension Optional: PostgresDecodable where Wrapped: PostgresDecodable {
    /// Decodes the wrapped type.
    public init(postgresText text: String) throws(PostgresError) {
        self = .some(try Wrapped(postgresText: text))
    }

    /// NULL is nil.
    public static func postgresNull() throws(PostgresError) -> Self { .none }
}
