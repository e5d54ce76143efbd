import Kafka
import ServiceRuntime

/// Publishes a consumer group's lag as the gauge `slothunter_kafka_consumer_lag{group,topic,partition}`:
/// every `interval` it measures the lag of the partitions assigned to one consumer and sets one
/// series per partition. A partition this member no longer owns (revoked) drops to 0, so that a
/// dashboard summing over members counts each partition once (its new owner reports it).
///
/// A failed measurement keeps the last values (a stale number is closer to the truth than 0) and
/// is logged at the first failure and every 20th one after; nothing stops the loop but cancellation.
public struct ConsumerLagMonitor: Service {
    /// Which offset the lag is counted from.
    public enum Basis: Sendable {
        /// The group's committed offset (`KafkaPartitionLag.lag`): for consumers that store and commit.
        case committed
        /// This consumer's fetch position (`KafkaPartitionLag.positionLag`): for consumers that
        /// never commit, e.g. one reading its partitions from the beginning on every assignment.
        case position
    }

    /// The gauge's name.
    public static let metricName = "slothunter_kafka_consumer_lag"
    static let metricHelp =
        "Records of the partition the consumer has not processed yet (high watermark - committed offset or position)."

    private let group: String
    private let basis: Basis
    private let interval: Duration
    private let timeout: Duration
    private let metrics: MetricsRegistry
    private let logger: Logger
    private let measure: @Sendable (Duration) async throws(KafkaError) -> [KafkaPartitionLag]

    /// Monitors `consumer`, a member of consumer group `group`.
    /// - Parameters:
    ///   - interval: time between measurements (default 15 s).
    ///   - timeout: bound of one measurement (default 5 s).
    ///   - basis: count from the committed offset (default) or from the consumer's position.
    public init(
        consumer: KafkaConsumer, group: String, metrics: MetricsRegistry, logger: Logger,
        interval: Duration = .seconds(15), timeout: Duration = .seconds(5), basis: Basis = .committed
    ) {
        self.init(
            group: group, metrics: metrics, logger: logger, interval: interval, timeout: timeout, basis: basis
        ) { timeout throws(KafkaError) in try await consumer.lag(timeout: timeout) }
    }

    /// Monitors whatever `measure` reports (tests, or a consumer behind another type).
    public init(
        group: String, metrics: MetricsRegistry, logger: Logger, interval: Duration = .seconds(15),
        timeout: Duration = .seconds(5), basis: Basis = .committed,
        measure: @escaping @Sendable (_ timeout: Duration) async throws(KafkaError) -> [KafkaPartitionLag]
    ) {
        self.group = group
        self.basis = basis
        self.interval = interval
        self.timeout = timeout
        self.metrics = metrics
        self.logger = logger
        self.measure = measure
    }

    /// Measures straight away, then every `interval`, until cancelled.
    public func run() async throws {
        var reported = Set<KafkaTopicPartition>()
        var failures = 0
        while !Task.isCancelled {
            do throws(KafkaError) {
                let lags = try await measure(timeout)
                reported = publish(lags, previouslyReported: reported)
                if failures > 0 {
                    logger.info("consumer lag measurable again", ["group": group, "failures": String(failures)])
                }
                failures = 0
            } catch {
                failures += 1
                // After close (shutdown) the consumer has nothing to report; not worth a warning.
                if error.code != .closed, failures == 1 || failures % 20 == 0 {
                    logger.warning(
                        "could not measure consumer lag; keeping the last values",
                        ["group": group, "error": "\(error)", "consecutive_failures": String(failures)])
                }
            }
            do {
                try await Task.sleep(for: interval)
            } catch {
                return  // cancelled: the process is stopping
            }
        }
    }

    /// Sets the gauge of each measured partition and zeroes those reported before but not now.
    /// Returns the partitions now reported.
    func publish(
        _ lags: [KafkaPartitionLag], previouslyReported: Set<KafkaTopicPartition>
    ) -> Set<KafkaTopicPartition> {
        var current = Set<KafkaTopicPartition>()
        for lag in lags {
            gauge(lag.topicPartition).set(Double(basis == .committed ? lag.lag : lag.positionLag))
            current.insert(lag.topicPartition)
        }
        for revoked in previouslyReported.subtracting(current) {
            gauge(revoked).set(0)
        }
        return current
    }

    private func gauge(_ partition: KafkaTopicPartition) -> Gauge {
        metrics.gauge(
            Self.metricName, help: Self.metricHelp,
            labels: ["group": group, "topic": partition.topic, "partition": String(partition.partition)])
    }
}
