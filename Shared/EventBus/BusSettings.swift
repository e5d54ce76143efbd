import Kafka
import ServiceRuntime

/// Kafka settings every service reads from the environment.
public struct BusSettings: Sendable {
    /// `KAFKA_BOOTSTRAP_SERVERS` (default `localhost:9092`).
    public var bootstrapServers: String
    /// `KAFKA_TOPIC_PARTITIONS` for topics this service creates (default 6).
    public var topicPartitions: Int
    /// `KAFKA_REPLICATION_FACTOR` (default 1).
    public var replicationFactor: Int
    /// `KAFKA_CREATE_TOPICS` (default true): create missing topics at start-up.
    public var createTopics: Bool
    /// `KAFKA_CLIENT_LOG_LEVEL` (default `warning`): librdkafka's own log threshold, a name
    /// (`emergency` ... `debug`) or a syslog number 0...7. For the clients' `logLevel`.
    public var clientLogLevel: KafkaLogLevel

    /// Reads the settings, naming the variable at fault on error.
    public init(_ env: EnvironmentReader) throws(ConfigurationError) {
        bootstrapServers = try env.string("KAFKA_BOOTSTRAP_SERVERS", default: "localhost:9092")
        topicPartitions = try env.int("KAFKA_TOPIC_PARTITIONS", default: 6, range: 1...1024)
        replicationFactor = try env.int("KAFKA_REPLICATION_FACTOR", default: 1, range: 1...16)
        createTopics = try env.bool("KAFKA_CREATE_TOPICS", default: true)
        let logLevelText = env.optionalString("KAFKA_CLIENT_LOG_LEVEL") ?? "warning"
        guard let clientLogLevel = KafkaLogLevel(name: logLevelText) else {
            let names = KafkaLogLevel.allCases.map(\.name).joined(separator: ", ")
            throw ConfigurationError(
                variable: "KAFKA_CLIENT_LOG_LEVEL",
                reason: "expected one of \(names) or 0...7, got \"\(logLevelText)\"")
        }
        self.clientLogLevel = clientLogLevel
    }

    /// Usage lines for `--help`.
    public static let usage = """
          KAFKA_BOOTSTRAP_SERVERS   Kafka bootstrap servers (default localhost:9092)
          KAFKA_TOPIC_PARTITIONS    partitions for topics created at start-up (default 6)
          KAFKA_REPLICATION_FACTOR  replication factor for created topics (default 1)
          KAFKA_CREATE_TOPICS       create missing smartwhale.data.* topics at start-up (default true)
          KAFKA_CLIENT_LOG_LEVEL    librdkafka's own log threshold, debug..emergency (default warning)
        """
}
