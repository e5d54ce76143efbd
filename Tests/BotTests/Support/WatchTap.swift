import EventBus
import Foundation
import Kafka
import Messaging
import TestSupport

/// Reads `smartwhale.data.watches` on the shared test broker (from the beginning, in a group of its
/// own) and keeps every record, so a test can look for the events of *its* targets: other tests
/// publish on the same topic in parallel, so a test only ever looks at target ids it made up.
actor WatchTap {
    /// One watch event as seen on the topic.
    struct Event: Sendable, Equatable {
        /// `watch.requested` or `watch.cancelled`.
        var schema: String
        /// The record key (the target id).
        var key: String
        /// The target id in the payload.
        var targetId: String
        /// `watch.cancelled`'s reason.
        var reason: String?
    }

    static let shared = WatchTap()

    private var consumer: KafkaConsumer?
    private var reader: Task<Void, Never>?
    private var events: [Event] = []
    private let decoder = MessageDecoder(accepting: [WatchRequestedV1.schema, WatchCancelledV1.schema])

    /// Starts the consumer once (idempotent).
    func start() throws {
        guard consumer == nil else { return }
        var configuration = KafkaConsumerConfiguration(
            bootstrapServers: try TestEnvironment.requireKafkaBootstrap(),
            groupId: "bot-tests-tap-\(UUID().uuidString.prefix(8))",
            clientId: "bot-tests-tap", topics: [Topic.watches])
        configuration.autoOffsetReset = .earliest
        configuration.sessionTimeout = .seconds(6)
        configuration.heartbeatInterval = .seconds(1)
        let consumer = try KafkaConsumer(configuration: configuration)
        self.consumer = consumer
        reader = Task {
            for await event in consumer.events {
                guard case .message(let record) = event else { continue }
                self.keep(record)
            }
        }
    }

    private func keep(_ record: KafkaRecord) {
        let key = record.key.map { String(decoding: $0, as: UTF8.self) } ?? ""
        switch try? decoder.decode(value: record.value, headers: record.messageHeaders) {
        case .watchRequested(let envelope):
            events.append(Event(schema: WatchRequestedV1.schema, key: key, targetId: envelope.payload.target.id, reason: nil))
        case .watchCancelled(let envelope):
            events.append(
                Event(
                    schema: WatchCancelledV1.schema, key: key, targetId: envelope.payload.targetId,
                    reason: envelope.payload.reason))
        default:
            events.append(Event(schema: record.header("schema") ?? "?", key: key, targetId: key, reason: nil))
        }
    }

    /// The events of one target so far, in topic order (one target = one key = one partition).
    func events(for targetId: String) -> [Event] {
        events.filter { $0.key == targetId }
    }

    /// Waits until `target` has at least `count` events (and returns them all).
    func waitForEvents(for targetId: String, count: Int, timeout: Duration = .seconds(30)) async throws -> [Event] {
        try start()
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            let found = events(for: targetId)
            if found.count >= count { return found }
            try await Task.sleep(for: .milliseconds(50))
        }
        throw HarnessTimeout(description: "saw \(events(for: targetId).count) of \(count) watch events for \(targetId)")
    }

    /// Whether `target` has no more than `count` events after a short settling wait (to prove that
    /// nothing else was published; publishing is awaited before the bot replies, so a short wait is enough
    /// once an earlier event of the same test has arrived).
    func settledEvents(for targetId: String, settle: Duration = .seconds(1)) async throws -> [Event] {
        try start()
        try await Task.sleep(for: settle)
        return events(for: targetId)
    }
}
