import CivilTime
import Foundation

/// A structured logger writing one JSON object per line:
/// `{"ts":"2026-10-06T08:00:00.123Z","level":"info","service":"scraper","instance":"pod-1","msg":"...",...metadata}`.
///
/// Every registered secret (see `registerSecret(_:)`) is replaced by `<redacted>` in the message and
/// in metadata, and so are Telegram bot tokens and URL passwords, as a safety net. Metadata keys
/// that collide with the fixed fields are written with a `meta_` prefix. Lines are written whole,
/// under a lock, so concurrent events never interleave.
public struct Logger: Sendable {
    /// Severity of an event; events below a logger's `level` are dropped.
    public enum Level: String, Sendable, Hashable, Comparable, CaseIterable, Codable {
        /// Detail for debugging.
        case debug
        /// Normal operation.
        case info
        /// Normal but significant (start-up, shutdown steps).
        case notice
        /// Something unexpected that the service handles.
        case warning
        /// A failure of a unit of work or of a dependency.
        case error
        /// The service cannot continue.
        case critical

        private var severity: Int { Self.allCases.firstIndex(of: self) ?? 0 }

        /// Orders by severity: `debug < info < ... < critical`.
        public static func < (lhs: Level, rhs: Level) -> Bool { lhs.severity < rhs.severity }
    }

    /// The service name written in every line.
    public let service: String
    /// The instance id written in every line.
    public let instance: String
    /// The threshold: events below it are dropped.
    public var level: Level
    /// Metadata added to every event of this logger (event metadata wins on equal keys).
    public var metadata: [String: String]
    /// Where lines go.
    public let sink: LogSink
    private let now: @Sendable () -> Date

    /// Creates a logger.
    public init(
        service: String, instance: String, level: Level = .info, metadata: [String: String] = [:],
        sink: LogSink = .standardOutput
    ) {
        self.init(service: service, instance: instance, level: level, metadata: metadata, sink: sink, now: { Date() })
    }

    /// Creates a logger for `identity`.
    public init(
        identity: ServiceIdentity, level: Level = .info, metadata: [String: String] = [:],
        sink: LogSink = .standardOutput
    ) {
        self.init(service: identity.service, instance: identity.instance, level: level, metadata: metadata, sink: sink)
    }

    /// Creates a logger with an injected wall clock (tests).
    init(
        service: String, instance: String, level: Level, metadata: [String: String], sink: LogSink,
        now: @escaping @Sendable () -> Date
    ) {
        self.service = service
        self.instance = instance
        self.level = level
        self.metadata = metadata
        self.sink = sink
        self.now = now
    }

    /// A copy of this logger whose events all carry `metadata` too (e.g. `["component": "poller"]`).
    public func with(_ metadata: [String: String]) -> Logger {
        var copy = self
        copy.metadata.merge(metadata) { _, new in new }
        return copy
    }

    /// Whether events at `level` are written.
    public func isEnabled(_ level: Level) -> Bool { level >= self.level }

    /// Writes one event if `level` reaches the threshold; the message is built only then.
    public func log(_ level: Level, _ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) {
        guard isEnabled(level) else { return }
        sink.write(formatLine(level: level, message: message(), metadata: metadata, date: now()))
    }

    /// Logs at `debug`.
    public func debug(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) {
        log(.debug, message(), metadata)
    }

    /// Logs at `info`.
    public func info(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) {
        log(.info, message(), metadata)
    }

    /// Logs at `notice`.
    public func notice(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) {
        log(.notice, message(), metadata)
    }

    /// Logs at `warning`.
    public func warning(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) {
        log(.warning, message(), metadata)
    }

    /// Logs at `error`.
    public func error(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) {
        log(.error, message(), metadata)
    }

    /// Logs at `critical`.
    public func critical(_ message: @autoclosure () -> String, _ metadata: [String: String] = [:]) {
        log(.critical, message(), metadata)
    }

    // MARK: - Redaction set (process-wide)

    /// Adds a secret's value to the process-wide redaction set used by every logger.
    /// `EnvironmentReader.secret(_:)` does this for every secret it reads.
    public static func registerSecret(_ secret: Secret) {
        LogRedactor.shared.register(secret.value)
    }

    /// `text` with registered secrets, bot tokens and URL passwords replaced by `<redacted>`;
    /// for text that leaves the process by another path than the logger (error replies, metrics labels).
    public static func redact(_ text: String) -> String {
        LogRedactor.shared.redact(text)
    }

    // MARK: - Line format

    static let reservedKeys: Set<String> = ["ts", "level", "service", "instance", "msg"]

    /// The JSON line (without newline) for one event.
    func formatLine(level: Level, message: String, metadata eventMetadata: [String: String], date: Date) -> String {
        let redactor = LogRedactor.shared
        var line = "{"
        JSONText.appendMember("ts", CivilCalendar.rfc3339Milliseconds(date), to: &line, first: true)
        JSONText.appendMember("level", level.rawValue, to: &line)
        JSONText.appendMember("service", service, to: &line)
        JSONText.appendMember("instance", instance, to: &line)
        JSONText.appendMember("msg", redactor.redact(message), to: &line)
        let merged = metadata.merging(eventMetadata) { _, new in new }
        for key in merged.keys.sorted() {
            let safeKey = redactor.redact(Self.reservedKeys.contains(key) ? "meta_" + key : key)
            JSONText.appendMember(safeKey, redactor.redact(merged[key] ?? ""), to: &line)
        }
        line += "}"
        return line
    }
}
