/// Settings of a `KafkaConsumer`. Becomes librdkafka properties only inside the module.
///
/// Always applied, whatever `extra` says: `enable.auto.offset.store=false` (offsets are stored only
/// by `storeOffset`) and `enable.auto.commit=true` (stored offsets are committed periodically, and
/// synchronously when partitions are revoked and on close).
public struct KafkaConsumerConfiguration: Sendable {
    /// Where a partition without a committed offset starts.
    public enum AutoOffsetReset: String, Sendable {
        /// At the oldest retained record.
        case earliest
        /// At the end: only records produced after the assignment.
        case latest
    }

    /// Comma-separated `host:port` list.
    public var bootstrapServers: String
    /// Consumer group id.
    public var groupId: String
    /// Client id shown in broker logs.
    public var clientId: String
    /// Topics to subscribe to.
    public var topics: [String]
    /// Start position for partitions without a committed offset.
    public var autoOffsetReset: AutoOffsetReset = .earliest
    /// On every assignment start each partition at its beginning, ignoring committed offsets
    /// (for consumers that rebuild state from a compacted or short topic).
    public var readAssignedPartitionsFromBeginning: Bool = false
    /// The group drops a member that sends no heartbeat for this long (`session.timeout.ms`).
    public var sessionTimeout: Duration = .seconds(10)
    /// Heartbeat period (`heartbeat.interval.ms`).
    public var heartbeatInterval: Duration = .seconds(3)
    /// Longest allowed pause between polls (`max.poll.interval.ms`); the poll thread keeps polling
    /// even while the events buffer is full, so only a stuck process hits it.
    public var maxPollInterval: Duration = .seconds(300)
    /// How many records the events sequence buffers before the consumer pauses fetching.
    public var eventBufferCapacity: Int = 256
    /// Raw librdkafka properties, e.g. `["fetch.wait.max.ms": "100"]`.
    public var extra: [String: String] = [:]
    /// librdkafka's own log threshold (`log_level`); e.g. `.warning` drops its info and notice
    /// lines. nil keeps librdkafka's default (`.info`). Wins over `extra["log_level"]`.
    public var logLevel: KafkaLogLevel? = nil
    /// Receives librdkafka's log lines instead of stderr (`log.queue=true`, forwarded from the
    /// poll thread). nil keeps librdkafka's default: its own text format on stderr.
    public var logHandler: KafkaLogHandler? = nil

    /// Creates a configuration with defaults for everything but the servers, group, client id and topics.
    public init(bootstrapServers: String, groupId: String, clientId: String, topics: [String]) {
        self.bootstrapServers = bootstrapServers
        self.groupId = groupId
        self.clientId = clientId
        self.topics = topics
    }

    /// The librdkafka properties, in the order they are applied (later wins).
    var librdkafkaProperties: [(String, String)] {
        var properties: [(String, String)] = [
            ("bootstrap.servers", bootstrapServers),
            ("group.id", groupId),
            ("client.id", clientId),
            ("auto.offset.reset", autoOffsetReset.rawValue),
            ("session.timeout.ms", String(sessionTimeout.kafkaMilliseconds)),
            ("heartbeat.interval.ms", String(heartbeatInterval.kafkaMilliseconds)),
            ("max.poll.interval.ms", String(maxPollInterval.kafkaMilliseconds)),
            // Eager assignors: the rebalance callback assigns and revokes whole assignments. (The
            // callback also handles COOPERATIVE if `extra` picks cooperative-sticky, but librdkafka
            // 2.0.2's mock cluster does not cope with it.)
            ("partition.assignment.strategy", "range,roundrobin"),
        ]
        properties += extra.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if let logLevel { properties.append(("log_level", String(logLevel.syslogLevel))) }
        properties += [("enable.auto.offset.store", "false"), ("enable.auto.commit", "true")]
        return properties
    }
}
