/// A sensitive configuration value (bot token, password) that never prints itself.
///
/// `description`, `debugDescription` and `dump` all show `<redacted>`; read `value` only where the
/// secret is handed to the library that needs it. Secrets read with `EnvironmentReader.secret(_:)`
/// are registered with the logger's redaction set, so they are scrubbed even if they leak into a
/// log message by another path.
public struct Secret: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// The secret text itself.
    public let value: String

    /// Wraps a secret value. It is not registered for log redaction: call `Logger.registerSecret(_:)`.
    public init(_ value: String) {
        self.value = value
    }

    /// Always `<redacted>`.
    public var description: String { Self.placeholder }

    /// Always `<redacted>`.
    public var debugDescription: String { Self.placeholder }

    /// A mirror without children, so `dump` and reflection-based encoders show nothing.
    public var customMirror: Mirror { Mirror(self, children: [], displayStyle: .struct) }

    /// The text that stands in for a secret in logs and descriptions.
    public static let placeholder = "<redacted>"
}
