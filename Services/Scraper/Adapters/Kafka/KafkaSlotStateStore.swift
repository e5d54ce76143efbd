import EventBus
import Messaging
import ScraperDomain

/// `SlotStateStore` over Kafka: one `slot.state` record per save on the compacted
/// `Topic.slotState`, key = target id, in the partition of the target's watch record (given by
/// the caller), so the replica assigned that watch partition is assigned this one too (range
/// assignment of two topics with the same partition count) and reads the state back.
public struct KafkaSlotStateStore: SlotStateStore {
    let bus: BusPublisher

    /// Creates the adapter.
    public init(bus: BusPublisher) {
        self.bus = bus
    }

    public func save(_ state: TargetSlots, targetId: String, partition: Int32) async throws {
        let envelope = Envelope(
            occurredAt: state.updatedAt, producer: bus.identity, correlationId: state.pollId.uuidString.lowercased(),
            payload: SlotStateV1(targetId: targetId, state))
        try await bus.send(try MessageCodec.encode(envelope, key: targetId), topic: Topic.slotState, partition: partition)
    }
}
