/// The one path by which the bot publishes on `smartwhale.data.watches`: the conversation (after a
/// subscribe, unsubscribe, block, unblock or `/stop` committed) and the reconciler alike.
///
/// Callers do not say *what* to publish, only *which target* changed. Per target, under a lock that
/// holds across bot processes (`WatchStateStore.withWatchLock`), it reads what the database wants
/// now (an active subscription → `watch.requested` with the target's details, else
/// `watch.cancelled`) and publishes that, releasing the lock only after the broker acknowledged.
///
/// Why the last message per key then equals the database: every commit that changes a target's
/// desired state is followed by a `sync` of that target; syncs of one target are serialised and
/// each reads the state after taking the lock, so the last sync to run read a state no older than
/// the last commit; and since each publish is acknowledged before the next sync of that key may
/// start, the broker appends them in lock order (one key, one partition). A stale decision, such as
/// a reconciler's list of orphans taken before a new first subscription, can no longer reach the
/// topic: nothing is published from a list, only from a read made under the lock.
///
/// A failed publish leaves the topic possibly stale for that target; `sync` throws, the caller
/// logs it, and `WatchReconciler` syncs every target again on its next pass (and sooner, with
/// backoff, when its own pass had failures).
public final class WatchSync: Sendable {
    /// What a sync published.
    public enum Outcome: Sendable, Equatable {
        /// `watch.requested`.
        case requested
        /// `watch.cancelled`.
        case cancelled
    }

    let store: any WatchStateStore
    let publisher: any WatchPublishing
    /// Keeps one process's syncs of a target out of the database lock queue but one: waiting
    /// syncs then wait here and not on a pooled connection.
    private let localLocks = KeyedLock<String>()

    /// Creates the use case; the bot has exactly one, shared by the conversation and the reconciler.
    public init(store: any WatchStateStore, publisher: any WatchPublishing) {
        self.store = store
        self.publisher = publisher
    }

    /// Publishes the target's current desired state and returns once the broker acknowledged it.
    /// Call it only after the transaction that changed the target committed.
    /// - Parameters:
    ///   - cancelReason: `watch.cancelled`'s reason, should the target turn out to be unwatched.
    ///   - correlationId: the envelope's correlation id.
    @discardableResult
    public func sync(targetId: String, cancelReason: String, correlationId: String) async throws -> Outcome {
        try await localLocks.withLock(targetId) {
            var outcome = Outcome.cancelled
            try await store.withWatchLock(targetId: targetId) { desired in
                switch desired {
                case .watched(let target):
                    try await publisher.requested(target, correlationId: correlationId)
                    outcome = .requested
                case .unwatched:
                    try await publisher.cancelled(targetId: targetId, reason: cancelReason, correlationId: correlationId)
                    outcome = .cancelled
                }
            }
            return outcome
        }
    }
}
