import BotDomain
import Synchronization

/// The last `capacity` webhook `update_id`s seen, to drop Telegram's retries of an update already
/// queued (Telegram resends when our answer is late or lost). Memory is bounded: the oldest id is
/// forgotten when a new one arrives at capacity, in arrival order.
final class RecentUpdateIDs: Sendable {
    private struct Ring {
        var order: [Int64?]
        var next = 0
        var members: Set<Int64> = []
    }

    private let ring: Mutex<Ring>

    /// Creates an empty set remembering at most `capacity` ids.
    init(capacity: Int) {
        ring = Mutex(Ring(order: Array(repeating: nil, count: max(1, capacity))))
    }

    /// Records `id`; false when it was already among the remembered ones (a duplicate).
    func insert(_ id: Int64) -> Bool {
        ring.withLock { ring in
            guard ring.members.insert(id).inserted else { return false }
            if let forgotten = ring.order[ring.next] { ring.members.remove(forgotten) }
            ring.order[ring.next] = id
            ring.next = (ring.next + 1) % ring.order.count
            return true
        }
    }

    /// Ids currently remembered.
    var count: Int { ring.withLock { $0.members.count } }
}
