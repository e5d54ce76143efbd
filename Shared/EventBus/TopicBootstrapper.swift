import Kafka
import Messaging
import ServiceRuntime

/// Creates the `smartwhale.data.*` topics if they are missing (real Kafka answers CreateTopics; the
/// librdkafka mock cluster does not, which is logged as a warning and not fatal: the test broker
/// host pre-creates them).
public enum TopicBootstrapper {
    /// What every service does at start when `KAFKA_CREATE_TOPICS` is true (local runs, compose):
    /// `ensureTopics` with its bus settings, the admin client's librdkafka lines at
    /// `KAFKA_CLIENT_LOG_LEVEL` written to `logger`. Nothing when the setting is false.
    public static func ensureTopicsIfEnabled(_ bus: BusSettings, clientId: String, logger: Logger) async {
        guard bus.createTopics else { return }
        await ensureTopics(
            bootstrapServers: bus.bootstrapServers, clientId: clientId, partitions: bus.topicPartitions,
            replicationFactor: bus.replicationFactor, logger: logger, clientLogLevel: bus.clientLogLevel, routeClientLogs: true)
    }

    /// Ensures every topic exists with `partitions` and `replicationFactor`.
    /// - Parameters:
    ///   - clientLogLevel: librdkafka's `log_level` for the admin client; nil keeps its default.
    ///   - routeClientLogs: write the admin client's librdkafka lines to `logger` (through
    ///     `KafkaLogBridge`) instead of stderr.
    public static func ensureTopics(
        bootstrapServers: String, clientId: String, partitions: Int, replicationFactor: Int, logger: Logger,
        clientLogLevel: KafkaLogLevel? = nil, routeClientLogs: Bool = false
    ) async {
        do {
            let admin = try KafkaAdmin(
                bootstrapServers: bootstrapServers, clientId: clientId, logLevel: clientLogLevel,
                logHandler: routeClientLogs ? KafkaLogBridge.handler(logger: logger, client: "admin") : nil)
            defer { admin.close() }
            let existing = try await admin.listTopics(timeout: .seconds(10))
            let missing = Topic.all.filter { existing[$0] == nil }
            guard !missing.isEmpty else {
                logger.info("all topics exist", ["topics": Topic.all.joined(separator: ",")])
                return
            }
            let specs = missing.map {
                KafkaTopicSpec(name: $0, partitions: partitions, replicationFactor: replicationFactor, config: Topic.brokerConfig(for: $0))
            }
            let created = try await admin.ensureTopics(specs, timeout: .seconds(10))
            logger.info("created topics", ["topics": created.joined(separator: ",")])
        } catch {
            logger.warning("could not create topics (the broker may not support CreateTopics); continuing", ["error": "\(error)"])
        }
    }
}
