import Foundation
import Kafka
import Messaging

/// Reads the dead-letter topic from the beginning with a throwaway consumer group.
///
/// The group id is unique per run and no offset is ever stored, so nothing is committed and no
/// service's group is touched. The Kafka module has no high-watermark query (and its partition-EOF
/// errors do not say which partition), so the end of the topic is assumed once no record arrived
/// for `idle` after the assignment or the last record.
public struct KafkaDeadLetterSource: DeadLetterSource {
    /// Where to read.
    public var bootstrapServers: String
    /// The topic (the contract's dead-letter topic unless a test says otherwise).
    public var topic: String
    /// When to give up or call the topic read.
    var limits: ScanProgress.Limits

    /// Creates a source; `idle` is the silence that counts as the end of the topic.
    public init(bootstrapServers: String, idle: Duration, topic: String = Topic.deadLetter) {
        self.bootstrapServers = bootstrapServers
        self.topic = topic
        limits = ScanProgress.Limits(idle: idle, join: .seconds(30), total: .seconds(300))
    }

    public func scan() async throws(DeadLetterToolError) -> DeadLetterScan {
        let consumer: KafkaConsumer
        do {
            consumer = try KafkaConsumer(configuration: consumerConfiguration())
        } catch {
            throw DeadLetterToolError(code: .kafka, message: "cannot create the Kafka consumer: \(error)")
        }
        guard await consumer.isBrokerReachable(timeout: .seconds(10)) else {
            await consumer.close()
            throw DeadLetterToolError(
                code: .brokerUnavailable, message: "no Kafka broker answered at \(bootstrapServers) within 10 s",
                isRetriable: true)
        }
        let state = ScanState(ScanProgress(topic: topic, startedAt: .now))
        let decision = await read(consumer, into: state, limits: limits)
        await consumer.close()
        switch decision {
        case .finished(let ending): return state.withLock { $0.scan(ending: ending) }
        case .failed(let error): throw error
        }
    }

    /// Feeds the consumer's events into `state` until the timer says the read is over.
    private func read(
        _ consumer: KafkaConsumer, into state: ScanState, limits: ScanProgress.Limits
    ) async -> ScanProgress.Decision {
        await withTaskGroup(of: ScanProgress.Decision?.self) { group in
            group.addTask {
                for await event in consumer.events {
                    state.withLock { $0.handle(event, at: .now) }
                }
                return nil  // ended by cancellation; the timer decides
            }
            group.addTask {
                while !Task.isCancelled {
                    if let decision = state.withLock({ $0.decision(at: .now, limits: limits) }) { return decision }
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return nil
            }
            var decision: ScanProgress.Decision = .finished(.idle(limits.idle))
            for await result in group {
                if let result {
                    decision = result
                    break
                }
            }
            group.cancelAll()
            return decision
        }
    }

    private func consumerConfiguration() -> KafkaConsumerConfiguration {
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: bootstrapServers, groupId: "deadletter-cli-\(UUID().uuidString.lowercased())",
            clientId: "deadletter-cli", topics: [topic])
        configuration.readAssignedPartitionsFromBeginning = true
        configuration.autoOffsetReset = .earliest
        // A one-member throwaway group: join and leave quickly (6 s is the broker's minimum by default).
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(1)
        // Connection failures reach the operator as one clear error, not as librdkafka's log lines.
        configuration.extra = ["fetch.wait.max.ms": "100", "log_level": "2"]
        return configuration
    }
}
