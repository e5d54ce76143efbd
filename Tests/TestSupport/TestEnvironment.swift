import Foundation

/// The integration-test environment exported by `scripts/test.sh`.
///
/// Outside CI a test whose service is missing is skipped (`.enabled(if: TestEnvironment.hasDatabase)`);
/// under CI (`CI=true`) those conditions are true anyway, so the test runs and `require...` fails it
/// with a clear message instead of letting it pass silently.
public enum TestEnvironment {
    /// The raw environment.
    public static var variables: [String: String] { ProcessInfo.processInfo.environment }

    /// `SLOTHUNTER_DATABASE_URL`, e.g. `postgres://postgres@127.0.0.1:PORT/postgres`.
    public static var databaseURL: String? { nonEmpty("SLOTHUNTER_DATABASE_URL") }
    /// `SLOTHUNTER_KAFKA_BOOTSTRAP`, the test broker's bootstrap servers.
    public static var kafkaBootstrap: String? { nonEmpty("SLOTHUNTER_KAFKA_BOOTSTRAP") }
    /// `SLOTHUNTER_KAFKA_CONTROL`, the broker host's control FIFO (fault injection).
    public static var kafkaControl: String? { nonEmpty("SLOTHUNTER_KAFKA_CONTROL") }
    /// `SLOTHUNTER_BIN_DIR`, where `swift build` put the executables.
    public static var binDir: String? { nonEmpty("SLOTHUNTER_BIN_DIR") }
    /// `CI=true`.
    public static var isCI: Bool { variables["CI"] == "true" }

    /// Whether database tests should run: the URL is set, or we are in CI (where they must fail if it isn't).
    public static var hasDatabase: Bool { databaseURL != nil || isCI }
    /// Whether Kafka tests should run: the bootstrap is set, or we are in CI.
    public static var hasKafka: Bool { kafkaBootstrap != nil || isCI }
    /// Alias of `hasKafka`.
    public static var hasBroker: Bool { hasKafka }
    /// Whether process-level tests (executables + database) should run.
    public static var hasExecutables: Bool { (binDir != nil && databaseURL != nil) || isCI }

    /// The database URL, or an error naming the missing variable.
    public static func requireDatabaseURL() throws -> String {
        try require(databaseURL, "SLOTHUNTER_DATABASE_URL", "a PostgreSQL server")
    }

    /// The Kafka bootstrap servers, or an error naming the missing variable.
    public static func requireKafkaBootstrap() throws -> String {
        try require(kafkaBootstrap, "SLOTHUNTER_KAFKA_BOOTSTRAP", "the test Kafka broker")
    }

    /// The Kafka control FIFO path, or an error naming the missing variable.
    public static func requireKafkaControl() throws -> String {
        try require(kafkaControl, "SLOTHUNTER_KAFKA_CONTROL", "the test Kafka broker's control FIFO")
    }

    /// The build's bin directory, or an error naming the missing variable.
    public static func requireBinDir() throws -> String {
        try require(binDir, "SLOTHUNTER_BIN_DIR", "the built executables")
    }

    /// Thrown when an integration test's service is not configured.
    public struct MissingVariable: Error, CustomStringConvertible {
        /// The environment variable that is unset.
        public var variable: String
        /// What it points at.
        public var purpose: String
        /// Says which variable to set and how.
        public var description: String {
            "\(variable) is not set: this integration test needs \(purpose). Run it through scripts/test.sh, "
                + "which starts the services and exports \(variable)"
                + (TestEnvironment.isCI ? " (CI=true: failing instead of skipping)." : ".")
        }
    }

    private static func require(_ value: String?, _ variable: String, _ purpose: String) throws -> String {
        guard let value else { throw MissingVariable(variable: variable, purpose: purpose) }
        return value
    }

    private static func nonEmpty(_ name: String) -> String? {
        guard let value = variables[name], !value.isEmpty else { return nil }
        return value
    }
}
