/// One result row in text format, decoded into Swift types on demand.
public struct PostgresRow: Sendable {
    let rowDescription: PostgresRowDescription
    /// Column values in text format; nil is SQL NULL.
    let values: [String?]

    init(rowDescription: PostgresRowDescription, values: [String?]) {
        self.rowDescription = rowDescription
        self.values = values
    }

    /// The column names, in order.
    public var columns: [String] { rowDescription.names }

    /// Decodes every column, in order, into the given types.
    ///
    /// ```swift
    /// let (id, name, createdAt) = try row.decode((Int64, String?, Date).self)
    /// ```
    /// The number of types must equal the number of columns.
    public func decode<each T: PostgresDecodable>(_: (repeat each T).Type) throws(PostgresError) -> (repeat each T) {
        var expected = 0
        for _ in repeat (each T).self { expected += 1 }
        guard expected == values.count else {
            throw PostgresError(
                code: .decodingFailed, message: "asked for \(expected) columns but the row has \(values.count)")
        }
        var index = 0
        func next<Value: PostgresDecodable>(_: Value.Type) throws(PostgresError) -> Value {
            defer { index += 1 }
            return try decodeColumn(at: index, as: Value.self)
        }
        return (repeat try next((each T).self))
    }

    /// Decodes the column with this name.
    public func decode<T: PostgresDecodable>(_ column: String, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard let index = rowDescription.index(of: column) else {
            throw PostgresError(code: .decodingFailed, message: "no column named \"\(column)\"")
        }
        return try decodeColumn(at: index, as: type)
    }

    /// Decodes the column at this position (0-based).
    public func decode<T: PostgresDecodable>(column index: Int, as type: T.Type = T.self) throws(PostgresError) -> T {
        guard values.indices.contains(index) else {
            throw PostgresError(code: .decodingFailed, message: "no column at index \(index) (row has \(values.count))")
        }
        return try decodeColumn(at: index, as: type)
    }

    /// Whether the column with this name is SQL NULL (false if there is no such column).
    public func isNull(_ column: String) -> Bool {
        guard let index = rowDescription.index(of: column) else { return false }
        return values[index] == nil
    }

    private func decodeColumn<T: PostgresDecodable>(at index: Int, as type: T.Type) throws(PostgresError) -> T {
        do throws(PostgresError) {
            if let text = values[index] { return try T(postgresText: text) }
            return try T.postgresNull()
        } catch {
            var annotated = error
            annotated.message = "column \(index) \"\(rowDescription.names[index])\": \(error.message)"
            throw annotated
        }
    }
}
