import EventBus
import Messaging
import ScraperDomain

/// `ScraperEventPublishing` over Kafka: `slot.found` and `slot.gone` on `Topic.slots`,
/// `doctor.checked` on `Topic.checks`, key = target id on both (so one target's events stay in
/// order).
public struct KafkaScraperEvents: ScraperEventPublishing {
    let bus: BusPublisher

    /// Creates the adapter.
    public init(bus: BusPublisher) {
        self.bus = bus
    }

    public func slotFound(_ slot: DiscoveredSlot, correlationId: String) async throws {
        let payload = SlotFoundV1(slot)
        try await bus.publish(
            payload, topic: Topic.slots, key: payload.targetId, correlationId: correlationId, occurredAt: payload.observedAt)
    }

    public func slotGone(_ slot: GoneSlot, correlationId: String) async throws {
        let payload = SlotGoneV1(slot)
        try await bus.publish(
            payload, topic: Topic.slots, key: payload.targetId, correlationId: correlationId, occurredAt: payload.firstMissedAt)
    }

    public func checked(_ report: CheckReport, correlationId: String) async throws {
        let payload = DoctorCheckedV1(report)
        try await bus.publish(
            payload, topic: Topic.checks, key: payload.targetId, correlationId: correlationId, occurredAt: payload.checkedAt)
    }
}
