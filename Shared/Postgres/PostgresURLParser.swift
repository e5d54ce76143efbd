/// Parses `postgres://` URLs into `PostgresConfiguration` without Foundation's URL quirks.
enum PostgresURLParser {
    /// libpq keywords accepted as query parameters besides the ones with their own fields.
    static let passThroughKeywords: Set<String> = [
        "options", "sslrootcert", "sslcert", "sslkey", "sslcrl", "sslcrldir", "sslsni", "sslpassword",
        "ssl_min_protocol_version", "ssl_max_protocol_version", "channel_binding", "gssencmode",
        "target_session_attrs", "keepalives", "keepalives_idle", "keepalives_interval", "keepalives_count",
        "tcp_user_timeout", "hostaddr", "krbsrvname", "requirepeer", "passfile",
    ]
    static let sslModes: Set<String> = ["disable", "allow", "prefer", "require", "verify-ca", "verify-full"]

    static func parse(_ url: String) throws(PostgresError) -> PostgresConfiguration {
        let trimmed = url.trimmingWhitespace()
        let rest: Substring
        if trimmed.hasPrefix("postgres://") {
            rest = trimmed.dropFirst("postgres://".count)
        } else if trimmed.hasPrefix("postgresql://") {
            rest = trimmed.dropFirst("postgresql://".count)
        } else {
            throw invalid("the URL must start with postgres:// or postgresql://")
        }

        var main = rest
        var queryText: Substring = ""
        if let question = rest.firstIndex(of: "?") {
            main = rest[..<question]
            queryText = rest[rest.index(after: question)...]
        }
        if let hash = queryText.firstIndex(of: "#") { queryText = queryText[..<hash] }

        var authority = main
        var path: Substring = ""
        if let slash = main.firstIndex(of: "/") {
            authority = main[..<slash]
            path = main[main.index(after: slash)...]
        }

        var user: String?
        var password: String?
        var hostPort = authority
        // The last "@" separates credentials: a raw "@" in a password is tolerated.
        if let at = authority.lastIndex(of: "@") {
            let credentials = authority[..<at]
            hostPort = authority[authority.index(after: at)...]
            if let colon = credentials.firstIndex(of: ":") {
                user = try decode(credentials[..<colon], part: "user")
                password = try decode(credentials[credentials.index(after: colon)...], part: "password")
            } else {
                user = try decode(credentials, part: "user")
            }
        }

        var host = ""
        var portText: Substring?
        if hostPort.hasPrefix("[") {
            guard let close = hostPort.firstIndex(of: "]") else { throw invalid("unterminated [ in the host") }
            host = String(hostPort[hostPort.index(after: hostPort.startIndex)..<close])
            let after = hostPort[hostPort.index(after: close)...]
            if after.hasPrefix(":") {
                portText = after.dropFirst()
            } else if !after.isEmpty {
                throw invalid("unexpected text after the IPv6 host")
            }
        } else if let colon = hostPort.lastIndex(of: ":") {
            host = try decode(hostPort[..<colon], part: "host")
            portText = hostPort[hostPort.index(after: colon)...]
        } else {
            host = try decode(hostPort, part: "host")
        }

        var port = 5432
        if let portText, !portText.isEmpty {
            guard let value = Int(portText), (1...65535).contains(value) else { throw invalid("the port is not a number in 1...65535") }
            port = value
        }

        var configuration = PostgresConfiguration(
            host: host, port: port, user: user ?? "postgres", password: password,
            database: try decode(path, part: "database"))

        for pair in queryText.split(separator: "&", omittingEmptySubsequences: true) {
            let key: String
            let value: String
            if let equals = pair.firstIndex(of: "=") {
                key = try decode(pair[..<equals], part: "parameter name")
                value = try decode(pair[pair.index(after: equals)...], part: "parameter \(key)")
            } else {
                key = try decode(pair, part: "parameter name")
                value = ""
            }
            try apply(key: key, value: value, to: &configuration)
        }

        if configuration.host.isEmpty { configuration.host = "localhost" }
        if configuration.database.isEmpty { configuration.database = configuration.user }
        if configuration.user.isEmpty { throw invalid("the user is empty") }
        return configuration
    }

    private static func apply(key: String, value: String, to configuration: inout PostgresConfiguration) throws(PostgresError) {
        switch key {
        case "sslmode":
            guard sslModes.contains(value) else { throw invalid("sslmode must be one of \(sslModes.sorted().joined(separator: ", "))") }
            configuration.sslMode = value
        case "connect_timeout":
            guard let seconds = Int(value), seconds >= 0 else { throw invalid("connect_timeout must be whole seconds") }
            configuration.connectTimeout = .seconds(seconds)
        case "application_name":
            configuration.applicationName = value
        case "host":
            configuration.host = value
        case "port":
            guard let port = Int(value), (1...65535).contains(port) else { throw invalid("the port is not a number in 1...65535") }
            configuration.port = port
        case "user":
            configuration.user = value
        case "password":
            configuration.password = value
        case "dbname":
            configuration.database = value
        case _ where passThroughKeywords.contains(key):
            configuration.parameters[key] = value
        default:
            throw invalid("unsupported connection parameter \"\(key)\"")
        }
    }

    private static func decode(_ text: Substring, part: String) throws(PostgresError) -> String {
        guard text.contains("%") else { return String(text) }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        var iterator = text.utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next().flatMap(hexValue), let low = iterator.next().flatMap(hexValue) else {
                    throw invalid("bad percent-encoding in the \(part)")
                }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        guard let decoded = String(validating: bytes, as: UTF8.self) else { throw invalid("the \(part) is not UTF-8") }
        return decoded
    }

    private static func invalid(_ reason: String) -> PostgresError {
        PostgresError(code: .invalidConfiguration, message: "invalid database URL: \(reason)")
    }
}
