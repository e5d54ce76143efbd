/// The complete result of one statement.
public struct PostgresRows: Sendable, RandomAccessCollection {
    /// The returned rows (empty for statements without a result set).
    public var rows: [PostgresRow]
    /// Rows inserted, updated, deleted or returned, from the command tag (0 if it has none).
    public var affectedRows: Int
    /// The command tag, e.g. `INSERT 0 1` or `SELECT 3`.
    public var commandTag: String
    /// The result's column names, in order (known even when no row came back).
    public var columns: [String]

    /// Creates a result.
    init(rows: [PostgresRow], columns: [String], affectedRows: Int, commandTag: String) {
        self.rows = rows
        self.columns = columns
        self.affectedRows = affectedRows
        self.commandTag = commandTag
    }

    /// Index of the first row.
    public var startIndex: Int { rows.startIndex }
    /// One past the last row.
    public var endIndex: Int { rows.endIndex }
    /// The row at a position.
    public subscript(position: Int) -> PostgresRow { rows[position] }

    /// Decodes every row into the given types.
    public func decode<each T: PostgresDecodable>(_ types: (repeat each T).Type) throws(PostgresError) -> [(repeat each T)] {
        var result: [(repeat each T)] = []
        result.reserveCapacity(rows.count)
        for row in rows { result.append(try row.decode(types)) }
        return result
    }
}
