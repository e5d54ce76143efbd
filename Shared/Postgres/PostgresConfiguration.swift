/// Where and how to connect, usually parsed from `DATABASE_URL`.
///
/// Accepted form: `postgres://user:password@host:port/database?sslmode=require&connect_timeout=5`
/// (`postgresql://` too). User, password and database are percent-decoded. A Unix socket directory
/// is given as `?host=/var/run/postgresql` (the URL host may then be empty). Other query parameters
/// must be libpq connection keywords (`application_name`, `options`, `sslrootcert`, ...).
///
/// Every session runs with `DateStyle=ISO`, `TimeZone=UTC`, `bytea_output=hex` and UTF-8 client
/// encoding, which the text decoders rely on.
public struct PostgresConfiguration: Sendable, Hashable {
    /// Host name, IP address, or (starting with `/`) a Unix socket directory.
    public var host: String
    /// TCP port, or the socket file's port suffix.
    public var port: Int
    /// Role name.
    public var user: String
    /// Password, if any. Never printed by `description` or `redactedDescription`.
    public var password: String?
    /// Database name.
    public var database: String
    /// Bound on establishing a connection (libpq `connect_timeout`, whole seconds, at least 2).
    public var connectTimeout: Duration
    /// libpq `sslmode` (`disable`, `allow`, `prefer`, `require`, `verify-ca`, `verify-full`), nil = libpq default.
    public var sslMode: String?
    /// Shown in `pg_stat_activity`.
    public var applicationName: String?
    /// Further libpq connection keywords (for example `options`, `sslrootcert`).
    public var parameters: [String: String]

    /// Creates a configuration from its parts.
    public init(
        host: String = "localhost", port: Int = 5432, user: String, password: String? = nil,
        database: String, connectTimeout: Duration = .seconds(10), sslMode: String? = nil,
        applicationName: String? = nil, parameters: [String: String] = [:]
    ) {
        self.host = host
        self.port = port
        self.user = user
        self.password = password
        self.database = database
        self.connectTimeout = connectTimeout
        self.sslMode = sslMode
        self.applicationName = applicationName
        self.parameters = parameters
    }

    /// Parses a `postgres://` URL. Errors name the faulty part but never echo the password.
    public init(url: String) throws(PostgresError) {
        self = try PostgresURLParser.parse(url)
    }

    /// The URL with the password replaced by `<redacted>`, safe for logs.
    public var redactedDescription: String {
        var text = "postgres://" + Self.percentEncode(user)
        if password != nil { text += ":<redacted>" }
        let printedHost = host.hasPrefix("/") ? "" : (host.contains(":") ? "[\(host)]" : host)
        text += "@\(printedHost):\(port)/" + Self.percentEncode(database)
        var query: [String] = []
        if host.hasPrefix("/") { query.append("host=\(host)") }
        if let sslMode { query.append("sslmode=\(sslMode)") }
        query.append("connect_timeout=\(connectTimeoutSeconds)")
        if let applicationName { query.append("application_name=\(Self.percentEncode(applicationName))") }
        for key in parameters.keys.sorted() { query.append("\(key)=\(Self.percentEncode(parameters[key] ?? ""))") }
        return text + "?" + query.joined(separator: "&")
    }

    /// `connectTimeout` in whole seconds as libpq wants it (libpq treats 1 as 2).
    var connectTimeoutSeconds: Int {
        let (seconds, attoseconds) = connectTimeout.components
        return max(2, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }

    private static func percentEncode(_ text: String) -> String {
        var out = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: "/"):
                out.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return out
    }
}

extension PostgresConfiguration: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// Same as `redactedDescription`: interpolating a configuration never leaks the password.
    public var description: String { redactedDescription }
    /// Same as `redactedDescription`.
    public var debugDescription: String { "PostgresConfiguration(\(redactedDescription))" }
    /// Hides the password from `dump` and debuggers.
    public var customMirror: Mirror {
        Mirror(self, children: ["url": redactedDescription], displayStyle: .struct)
    }
}
