import Foundation

extension UUID: PostgresEncodable {
    /// `uuid`
    public static var postgresDataType: PostgresDataType { .uuid }
    /// Lowercase hyphenated form.
    public func postgresText() -> String? { uuidString.lowercased() }
}

extension UUID: PostgresDecodable {
    /// Hyphenated form, any case.
    public init(postgresText text: String) throws(PostgresError) {
        guard let uuid = UUID(uuidString: text) else { throw .cannotDecode(UUID.self, "not a UUID") }
        self = uuid
    }
}

extension UUID: PostgresArrayElement {
    /// `uuid[]`
    public static var postgresArrayDataType: PostgresDataType { .uuidArray }
}
