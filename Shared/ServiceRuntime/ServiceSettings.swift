/// What every service's settings offer the shared start-up (`ServiceLauncher`).
public protocol ServiceSettings: Sendable {
    /// Reads and validates the settings; throws a `ConfigurationError` naming the first bad variable.
    init(_ environment: EnvironmentReader) throws(ConfigurationError)
    /// The `--help` text: what the executable is and every variable it reads.
    static var usage: String { get }
    /// Logger threshold (`LOG_LEVEL`).
    var logLevel: Logger.Level { get }
    /// Values that must never appear in a log line (tokens, database URLs with passwords).
    var secrets: [Secret] { get }
}
