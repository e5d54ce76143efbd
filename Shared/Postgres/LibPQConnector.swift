import CLibPQ
import Foundation

/// Opens libpq connections from a `PostgresConfiguration` (blocking: call it on a connection's queue).
enum LibPQConnector {
    /// Session settings the text decoders rely on.
    static let sessionOptions = "-c DateStyle=ISO,MDY -c TimeZone=UTC -c bytea_output=hex -c IntervalStyle=postgres"

    static func connect(_ configuration: PostgresConfiguration) throws(PostgresError) -> OpaquePointer {
        var parameters: [(String, String)] = [
            ("host", configuration.host),
            ("port", String(configuration.port)),
            ("user", configuration.user),
            ("dbname", configuration.database),
            ("connect_timeout", String(configuration.connectTimeoutSeconds)),
            ("client_encoding", "UTF8"),
        ]
        if let password = configuration.password { parameters.append(("password", password)) }
        if let sslMode = configuration.sslMode { parameters.append(("sslmode", sslMode)) }
        if let applicationName = configuration.applicationName { parameters.append(("application_name", applicationName)) }
        var options = sessionOptions
        for (key, value) in configuration.parameters.sorted(by: { $0.key < $1.key }) {
            if key == "options" { options += " " + value } else { parameters.append((key, value)) }
        }
        parameters.append(("options", options))

        let keywords = parameters.map { strdup($0.0) }
        let values = parameters.map { strdup($0.1) }
        defer {
            keywords.forEach { free($0) }
            values.forEach { free($0) }
        }
        let constKeywords: [UnsafePointer<CChar>?] = keywords.map { $0.map { UnsafePointer($0) } } + [nil]
        let constValues: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } } + [nil]
        // expand_dbname = 0: a database name is never parsed as a connection string.
        let connection = constKeywords.withUnsafeBufferPointer { keywords in
            constValues.withUnsafeBufferPointer { values in
                PQconnectdbParams(keywords.baseAddress, values.baseAddress, 0)
            }
        }
        guard let connection else {
            throw PostgresError(code: .connectionFailed, message: "libpq could not allocate a connection")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let error = connectionError(connection, fallback: "connection failed", code: .connectionFailed)
            PQfinish(connection)
            throw error
        }
        // libpq prints notices (e.g. "relation already exists, skipping") to stderr by default,
        // which would break our JSON log lines.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        return connection
    }

    /// The connection's last error as a retriable `PostgresError`.
    static func connectionError(
        _ connection: OpaquePointer, fallback: String, code: PostgresError.Code = .connectionLost
    ) -> PostgresError {
        var message = fallback
        if let text = PQerrorMessage(connection) {
            let trimmed = String(cString: text).trimmingWhitespace()
            if !trimmed.isEmpty { message = trimmed.split(separator: "\n").map { $0.trimmingWhitespace() }.joined(separator: "; ") }
        }
        return PostgresError(code: code, message: message, isRetriable: true)
    }
}
