import BotDomain
import EventBus
import Messaging

/// `WatchPublishing` on `smartwhale.data.watches`, keyed by target id (the latest per key wins).
public struct KafkaWatchPublisher: WatchPublishing {
    let bus: BusPublisher

    /// Creates the adapter.
    public init(bus: BusPublisher) {
        self.bus = bus
    }

    public func requested(_ target: WatchTarget, correlationId: String) async throws {
        try await bus.publish(
            WatchRequestedV1(target: target), topic: Topic.watches, key: target.id, correlationId: correlationId)
    }

    public func cancelled(targetId: String, reason: String, correlationId: String) async throws {
        try await bus.publish(
            WatchCancelledV1(targetId: targetId, reason: reason), topic: Topic.watches, key: targetId,
            correlationId: correlationId)
    }
}
