/// A type whose Swift arrays map to a PostgreSQL type: `[String]` to `text[]`, `[Int64]` to
/// `bigint[]`, ... and, specially, `[UInt8]` to `bytea`.
///
/// Scalar conformers get array-literal encoding (`{"a","b"}`) and decoding for free.
public protocol PostgresArrayElement: Sendable {
    /// The PostgreSQL type of `[Self]`.
    static var postgresArrayDataType: PostgresDataType { get }
    /// `[Self]` in PostgreSQL's text input format.
    static func postgresArrayText(_ elements: [Self]) -> String
    /// `[Self]` from PostgreSQL's text output format.
    static func decodePostgresArray(_ text: String) throws(PostgresError) -> [Self]
}

extension PostgresArrayElement where Self: PostgresEncodable & PostgresDecodable {
    /// `{"first","second"}`: every element quoted, `"` and `\` escaped.
    public static func postgresArrayText(_ elements: [Self]) -> String {
        PostgresArrayLiteral.format(elements.map { $0.postgresText() })
    }

    /// One-dimensional array output; a NULL element decodes through `postgresNull()`.
    public static func decodePostgresArray(_ text: String) throws(PostgresError) -> [Self] {
        guard let elements = PostgresArrayLiteral.parse(text) else {
            throw .cannotDecode([Self].self, "not a one-dimensional array literal")
        }
        var result: [Self] = []
        result.reserveCapacity(elements.count)
        for element in elements {
            if let element { result.append(try Self(postgresText: element)) } else { result.append(try Self.postgresNull()) }
        }
        return result
    }
}

extension String: PostgresArrayElement {
    /// `text[]`
    public static var postgresArrayDataType: PostgresDataType { .textArray }
}

extension Int: PostgresArrayElement {
    /// `bigint[]`
    public static var postgresArrayDataType: PostgresDataType { .int8Array }
}

extension Int64: PostgresArrayElement {
    /// `bigint[]`
    public static var postgresArrayDataType: PostgresDataType { .int8Array }
}

extension Int32: PostgresArrayElement {
    /// `integer[]`
    public static var postgresArrayDataType: PostgresDataType { .int4Array }
}

extension Int16: PostgresArrayElement {
    /// `smallint[]`
    public static var postgresArrayDataType: PostgresDataType { .int2Array }
}

extension Bool: PostgresArrayElement {
    /// `boolean[]`
    public static var postgresArrayDataType: PostgresDataType { .boolArray }
}

extension Double: PostgresArrayElement {
    /// `double precision[]`
    public static var postgresArrayDataType: PostgresDataType { .float8Array }
}
