import Kafka
import ServiceRuntime

/// Routes librdkafka's own log lines into a service's JSON-lines `Logger` instead of stderr.
///
/// ```swift
/// config.logLevel = settings.bus.clientLogLevel
/// config.logHandler = KafkaLogBridge.handler(logger: logger, client: "consumer")
/// ```
public enum KafkaLogBridge {
    /// The `Logger` level of a librdkafka (syslog) level: emergency, alert and critical become
    /// `.critical`; error, warning, notice, info and debug keep their names.
    public static func loggerLevel(_ level: KafkaLogLevel) -> Logger.Level {
        switch level {
        case .emergency, .alert, .critical: .critical
        case .error: .error
        case .warning: .warning
        case .notice: .notice
        case .info: .info
        case .debug: .debug
        }
    }

    /// A handler writing each line to `logger` as `{"msg": <librdkafka's text>, "component":
    /// "librdkafka", "kafka_client": client, "kafka_facility": <e.g. FAIL>}` at the mapped level.
    /// `client` tells the clients of one process apart (e.g. `producer`, `consumer`, `admin`).
    public static func handler(logger: Logger, client: String) -> KafkaLogHandler {
        { level, facility, message in
            logger.log(
                loggerLevel(level), message,
                ["component": "librdkafka", "kafka_client": client, "kafka_facility": facility])
        }
    }
}
