/// A PostgreSQL type, identified by its OID, announced for a bound parameter.
///
/// `.unknown` (OID 0) lets the server infer the type from context, like a quoted literal.
public struct PostgresDataType: Hashable, Sendable, CustomStringConvertible {
    /// The type's OID in `pg_type`.
    public var oid: UInt32

    /// Creates a type from its OID.
    public init(oid: UInt32) { self.oid = oid }

    /// The server infers the type, as for an untyped literal.
    public static let unknown = PostgresDataType(oid: 0)
    /// `boolean`
    public static let bool = PostgresDataType(oid: 16)
    /// `bytea`
    public static let bytea = PostgresDataType(oid: 17)
    /// `bigint`
    public static let int8 = PostgresDataType(oid: 20)
    /// `smallint`
    public static let int2 = PostgresDataType(oid: 21)
    /// `integer`
    public static let int4 = PostgresDataType(oid: 23)
    /// `text`
    public static let text = PostgresDataType(oid: 25)
    /// `double precision`
    public static let float8 = PostgresDataType(oid: 701)
    /// `timestamp with time zone`
    public static let timestamptz = PostgresDataType(oid: 1184)
    /// `uuid`
    public static let uuid = PostgresDataType(oid: 2950)
    /// `boolean[]`
    public static let boolArray = PostgresDataType(oid: 1000)
    /// `bytea[]`
    public static let byteaArray = PostgresDataType(oid: 1001)
    /// `smallint[]`
    public static let int2Array = PostgresDataType(oid: 1005)
    /// `integer[]`
    public static let int4Array = PostgresDataType(oid: 1007)
    /// `text[]`
    public static let textArray = PostgresDataType(oid: 1009)
    /// `bigint[]`
    public static let int8Array = PostgresDataType(oid: 1016)
    /// `double precision[]`
    public static let float8Array = PostgresDataType(oid: 1022)
    /// `timestamp with time zone[]`
    public static let timestamptzArray = PostgresDataType(oid: 1185)
    /// `uuid[]`
    public static let uuidArray = PostgresDataType(oid: 2951)

    /// The OID as text, e.g. `oid 20`.
    public var description: String { "oid \(oid)" }
}
