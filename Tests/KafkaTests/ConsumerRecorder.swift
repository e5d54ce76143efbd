import Foundation
import TestSupport
import Kafka

/// Reads a consumer's events on a task and keeps them, so tests can wait for conditions.
final class ConsumerRecorder: Sendable {
    /// Everything seen so far.
    struct Snapshot: Sendable {
        var events: [KafkaConsumerEvent] = []

        var records: [KafkaRecord] {
            events.compactMap { if case .message(let record) = $0 { record } else { nil } }
        }

        /// The assignment implied by the assigned/revoked events (eager protocol).
        var currentAssignment: Set<KafkaTopicPartition> {
            var current = Set<KafkaTopicPartition>()
            for event in events {
                switch event {
                case .assigned(let partitions): current = Set(partitions)
                case .revoked: current = []
                default: break
                }
            }
            return current
        }

        var assignedEvents: [[KafkaTopicPartition]] {
            events.compactMap { if case .assigned(let partitions) = $0 { partitions } else { nil } }
        }
    }

    let consumer: KafkaConsumer
    private let state = TestLocked(Snapshot())
    private let reader: Task<Void, Never>

    init(_ consumer: KafkaConsumer) {
        self.consumer = consumer
        reader = Task { [state] in
            for await event in consumer.events {
                state.withLock { $0.events.append(event) }
            }
        }
    }

    var snapshot: Snapshot { state.withLock { $0 } }

    /// Waits until `condition` holds or `timeout` passes; returns whether it held.
    @discardableResult
    func wait(timeout: Duration, until condition: (Snapshot) -> Bool) async -> Bool {
        (try? await eventually(within: timeout, "the consumer's events to meet the condition") { condition(snapshot) }) != nil
    }

    /// Closes the consumer and waits for the reader to see the end of the events.
    func close() async {
        await consumer.close()
        await reader.value
    }
}

/// A lock-guarded value for test helpers. `@unchecked Sendable`: `value` is only touched under `lock`.
final class TestLocked<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value

    init(_ value: Value) { self.value = value }

    func withLock<Result>(_ body: (inout Value) -> Result) -> Result {
        lock.lock()
        defer { lock.unlock() }
        return body(&value)
    }
}
