/// Severity of a librdkafka log line: the syslog levels librdkafka uses (`log_level`, 0...7).
///
/// Ordered like other loggers, by severity: `debug < info < ... < emergency`, so
/// `level >= .warning` means "warning or worse". `rawValue` is the syslog number.
public enum KafkaLogLevel: Int32, Sendable, Hashable, Comparable, CaseIterable, CustomStringConvertible {
    /// System is unusable (syslog 0).
    case emergency = 0
    /// Action must be taken immediately (syslog 1).
    case alert = 1
    /// Critical conditions (syslog 2).
    case critical = 2
    /// Error conditions, e.g. a failed connection (syslog 3).
    case error = 3
    /// Warning conditions (syslog 4).
    case warning = 4
    /// Normal but significant (syslog 5).
    case notice = 5
    /// Informational (syslog 6, librdkafka's default threshold).
    case info = 6
    /// Debugging detail (syslog 7; librdkafka emits it only with the `debug` property set).
    case debug = 7

    /// The level of syslog number `syslogLevel`; numbers outside 0...7 clamp to the nearest end.
    public init(syslogLevel: Int32) {
        self = Self(rawValue: min(max(syslogLevel, 0), 7)) ?? .debug
    }

    /// The syslog number (0 = emergency ... 7 = debug).
    public var syslogLevel: Int32 { rawValue }

    /// Lowercase name, e.g. `"warning"`.
    public var name: String {
        switch self {
        case .emergency: "emergency"
        case .alert: "alert"
        case .critical: "critical"
        case .error: "error"
        case .warning: "warning"
        case .notice: "notice"
        case .info: "info"
        case .debug: "debug"
        }
    }

    /// The level called `name` (case-insensitive, as in `name`) or given as a syslog number `"0"`...`"7"`.
    public init?(name: String) {
        let text = name.lowercased()
        if let number = Int32(text), (0...7).contains(number) {
            self.init(syslogLevel: number)
            return
        }
        guard let level = Self.allCases.first(where: { $0.name == text }) else { return nil }
        self = level
    }

    public var description: String { name }

    /// Less severe first: `.debug < .info < ... < .emergency`.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue > rhs.rawValue }
}

/// Receives librdkafka's log lines instead of stderr: severity, facility (librdkafka's subsystem
/// tag, e.g. `FAIL`, `REQTMOUT`) and the message text.
///
/// Called on the client's poll thread (for `KafkaAdmin`, a small log thread), one line at a time
/// and in order: keep it quick and non-blocking (writing one log line is fine). Lines still
/// queued when the client is destroyed are dropped.
public typealias KafkaLogHandler = @Sendable (_ level: KafkaLogLevel, _ facility: String, _ message: String) -> Void
