import Foundation

/// The `slot.gone` events this process has read from the topic but not processed yet: the
/// consumer pump notes them here as they arrive, so that a notice of an earlier batch still
/// waiting to be sent (the pacer, a Telegram 429 pause, a backoff) does not list a slot that a
/// later record already says is taken. It is only a head start: the durable record is
/// `DeliveryLedger.recordGone`, made when the record's own batch is processed (before its
/// offset is stored), so a crash loses nothing. Bounded: the oldest entries go first.
public actor GoneSlotsReadAhead {
    private var keys: Set<SlotEpisodeKey> = []
    private var order: [SlotEpisodeKey] = []
    private let capacity: Int

    /// Creates an empty read-ahead that keeps at most `capacity` episodes.
    public init(capacity: Int = 100_000) {
        self.capacity = max(1, capacity)
    }

    /// Notes that `slot`'s episode is gone.
    public func note(_ slot: GoneSlot) {
        guard keys.insert(slot.key).inserted else { return }
        order.append(slot.key)
        if order.count > capacity {
            let dropped = order.prefix(order.count - capacity)
            for key in dropped { keys.remove(key) }
            order.removeFirst(dropped.count)
        }
    }

    /// Which of `candidates` were noted.
    public func gone(among candidates: [SlotEpisodeKey]) -> Set<SlotEpisodeKey> {
        Set(candidates.filter { keys.contains($0) })
    }

    /// How many episodes are noted.
    public var count: Int { keys.count }
}
