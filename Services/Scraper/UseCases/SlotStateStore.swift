/// The scraper's port to the durable copy of its slot state (`KafkaSlotStateStore` in production:
/// the compacted `smartwhale.data.slot-state` topic). Restoring goes the other way, through the
/// watch consumer, into `ScraperState.restore`.
public protocol SlotStateStore: Sendable {
    /// Saves `state` as the slot state of `targetId`, in `partition` (the partition of the target's
    /// watch record, so the replica that owns the target reads it back); returns when the broker
    /// acknowledged it.
    func save(_ state: TargetSlots, targetId: String, partition: Int32) async throws
}
