extension Array: PostgresEncodable where Element: PostgresArrayElement {
    /// The element type's array type (`bytea` for `[UInt8]`).
    public static var postgresDataType: PostgresDataType { Element.postgresArrayDataType }
    /// Array literal (hex `bytea` for `[UInt8]`).
    public func postgresText() -> String? { Element.postgresArrayText(self) }
}

extension Array: PostgresDecodable where Element: PostgresArrayElement {
    /// Array output (hex or escape `bytea` for `[UInt8]`).
    public init(postgresText text: String) throws(PostgresError) {
        self = try Element.decodePostgresArray(text)
    }
}
