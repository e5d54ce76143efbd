import Foundation

extension Date: PostgresEncodable {
    /// `timestamp with time zone`
    public static var postgresDataType: PostgresDataType { .timestamptz }
    /// ISO text in UTC, microsecond precision.
    public func postgresText() -> String? { PostgresTimestamp.format(self) }
}

extension Date: PostgresDecodable {
    /// `timestamptz` in ISO style with any offset; `timestamp` and `date` are read as UTC.
    public init(postgresText text: String) throws(PostgresError) {
        guard let date = PostgresTimestamp.parse(text) else { throw .cannotDecode(Date.self, "not an ISO timestamp") }
        self = date
    }
}

extension Date: PostgresArrayElement {
    /// `timestamp with time zone[]`
    public static var postgresArrayDataType: PostgresDataType { .timestamptzArray }
}
