/// The error type of the `ServiceRuntime` module: a configuration value that is missing or invalid.
///
/// Its description names the variable and says why, so a service that fails at start-up tells the
/// operator exactly what to fix:
/// `invalid configuration: SCRAPER_GLOBAL_RATE: expected a number > 0, got "abc"`.
/// Values quoted in `reason` pass through `Logger.redact(_:)`, so a password in a URL never shows.
public struct ConfigurationError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of problem, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name (used in logs).
        public let name: String
        /// Creates a code with a stable name.
        public init(_ name: String) { self.name = name }
        /// The variable is required but not set (or set to an empty value).
        public static let missing = Code("missing")
        /// The variable is set but its value cannot be used.
        public static let invalid = Code("invalid")
        /// A `NAME_FILE` variable points at a file that cannot be read or is empty.
        public static let unreadableFile = Code("unreadableFile")
        /// Two variables that exclude each other are both set (`NAME` and `NAME_FILE`).
        public static let conflicting = Code("conflicting")
        /// Text form of the code.
        public var description: String { name }
    }

    /// What kind of problem.
    public let code: Code
    /// The environment variable (or flag) at fault, e.g. `SCRAPER_GLOBAL_RATE`.
    public let variable: String
    /// Why the value is unusable, e.g. `expected a number > 0, got "abc"`.
    public let reason: String

    /// Creates an error naming the variable at fault.
    public init(code: Code = .invalid, variable: String, reason: String) {
        self.code = code
        self.variable = variable
        self.reason = reason
    }

    /// Configuration does not fix itself: retrying with the same environment fails the same way.
    public var isRetriable: Bool { false }

    /// `invalid configuration: VAR: reason`.
    public var description: String { "invalid configuration: \(variable): \(reason)" }
}
