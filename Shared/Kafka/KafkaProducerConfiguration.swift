/// Settings of a `KafkaProducer`. Becomes librdkafka properties only inside the module.
///
/// Always applied, whatever `extra` says: `enable.idempotence=true`, `acks=all`.
public struct KafkaProducerConfiguration: Sendable {
    /// Comma-separated `host:port` list.
    public var bootstrapServers: String
    /// Client id shown in broker logs.
    public var clientId: String
    /// How long a message may take from `send` to acknowledgement, retries included (`delivery.timeout.ms`).
    public var messageTimeout: Duration = .seconds(30)
    /// How long `close()` waits for queued messages before purging them.
    public var closeTimeout: Duration = .seconds(10)
    /// Raw librdkafka properties, e.g. `["linger.ms": "20"]`.
    public var extra: [String: String] = [:]
    /// librdkafka's own log threshold (`log_level`); e.g. `.warning` drops its info and notice
    /// lines. nil keeps librdkafka's default (`.info`). Wins over `extra["log_level"]`.
    public var logLevel: KafkaLogLevel? = nil
    /// Receives librdkafka's log lines instead of stderr (`log.queue=true`, forwarded from the
    /// poll thread). nil keeps librdkafka's default: its own text format on stderr.
    public var logHandler: KafkaLogHandler? = nil

    /// Creates a configuration with defaults for everything but the servers and the client id.
    public init(bootstrapServers: String, clientId: String) {
        self.bootstrapServers = bootstrapServers
        self.clientId = clientId
    }

    /// The librdkafka properties, in the order they are applied (later wins).
    var librdkafkaProperties: [(String, String)] {
        var properties: [(String, String)] = [
            ("bootstrap.servers", bootstrapServers),
            ("client.id", clientId),
            ("delivery.timeout.ms", String(messageTimeout.kafkaMilliseconds)),
        ]
        properties += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if let logLevel { properties.append(("log_level", String(logLevel.syslogLevel))) }
        properties += [("enable.idempotence", "true"), ("acks", "all")]
        return properties
    }
}
