import EventBus
import Messaging

/// `ScraperEventPublishing` over Kafka: key = target id on both topics.
public struct KafkaScraperEvents: ScraperEventPublishing {
    let bus: BusPublisher

    /// Creates the adapter.
    public init(bus: BusPublisher) {
        self.bus = bus
    }

    public func slotFound(_ payload: SlotFoundV1, correlationId: String) async throws {
        try await bus.publish(payload, topic: Topic.slots, key: payload.targetId, correlationId: correlationId, occurredAt: payload.observedAt)
    }

    public func checked(_ payload: DoctorCheckedV1, correlationId: String) async throws {
        try await bus.publish(payload, topic: Topic.checks, key: payload.targetId, correlationId: correlationId, occurredAt: payload.checkedAt)
    }
}
