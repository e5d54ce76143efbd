import CLibPQ

/// Reads rows and errors out of a `PGresult` (text format).
enum LibPQResultReader {
    static func rows(of result: OpaquePointer) -> PostgresRows {
        let fieldCount = PQnfields(result)
        let rowCount = PQntuples(result)
        let names = (0..<fieldCount).map { String(cString: PQfname(result, $0)) }
        let description = PostgresRowDescription(names: names)
        var rows: [PostgresRow] = []
        rows.reserveCapacity(Int(rowCount))
        for row in 0..<rowCount {
            var values: [String?] = []
            values.reserveCapacity(Int(fieldCount))
            for column in 0..<fieldCount {
                if PQgetisnull(result, row, column) == 1 {
                    values.append(nil)
                } else {
                    let length = Int(PQgetlength(result, row, column))
                    let bytes = UnsafeRawPointer(PQgetvalue(result, row, column)).map {
                        UnsafeBufferPointer(start: $0.assumingMemoryBound(to: UInt8.self), count: length)
                    }
                    values.append(bytes.map { String(decoding: $0, as: UTF8.self) } ?? "")
                }
            }
            rows.append(PostgresRow(rowDescription: description, values: values))
        }
        let commandTag = PQcmdStatus(result).map { String(cString: $0) } ?? ""
        let affected = PQcmdTuples(result).flatMap { Int(String(cString: $0)) } ?? 0
        return PostgresRows(rows: rows, columns: names, affectedRows: affected, commandTag: commandTag)
    }

    /// The server's error: SQLSTATE, primary message (never the DETAIL, which echoes key values),
    /// constraint name; bound values scrubbed from the message.
    static func error(of result: OpaquePointer, binds: [PostgresBind]) -> PostgresError {
        let sqlState = field(result, "C")
        let constraint = field(result, "n")
        var message =
            field(result, "M")
            ?? PQresultErrorMessage(result).map { String(String(cString: $0).trimmingWhitespace()) }
            ?? "query failed"
        if message.isEmpty { message = "query failed" }
        message = PostgresMessageScrubber.scrub(message, sqlState: sqlState, binds: binds)
        return PostgresError(code: .queryFailed, message: message, sqlState: sqlState, constraintName: constraint)
    }

    private static func field(_ result: OpaquePointer, _ code: Unicode.Scalar) -> String? {
        guard let text = PQresultErrorField(result, Int32(code.value)) else { return nil }
        return String(cString: text)
    }
}
