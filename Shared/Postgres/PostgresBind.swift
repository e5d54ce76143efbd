/// One bound parameter of a query: its announced type and its text (nil for NULL).
///
/// Descriptions and mirrors show the type only, never the value.
public struct PostgresBind: Sendable, Hashable, CustomStringConvertible, CustomReflectable {
    /// The type announced to the server.
    public var dataType: PostgresDataType
    /// The value in text format; nil is SQL NULL.
    public var text: String?

    /// Captures an encodable value.
    public init(_ value: some PostgresEncodable) {
        self.dataType = type(of: value).postgresDataType
        self.text = value.postgresText()
    }

    /// A bind from its parts.
    public init(dataType: PostgresDataType, text: String?) {
        self.dataType = dataType
        self.text = text
    }

    /// `<bind oid 20>` or `<bind oid 20 NULL>`: no value.
    public var description: String { "<bind \(dataType)\(text == nil ? " NULL" : "")>" }

    /// Hides the value from `dump` and debuggers.
    public var customMirror: Mirror { Mirror(self, children: ["dataType": dataType], displayStyle: .struct) }
}
