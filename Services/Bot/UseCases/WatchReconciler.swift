import Foundation
import ServiceRuntime

/// Heals the watch topic: at start and then periodically, syncs every known target through
/// `WatchSync` (`watch.requested` for a target with an active subscription, `watch.cancelled` for
/// one nobody watches any more). Idempotent (the latest message per key wins).
///
/// The lists it walks only say *which* targets to sync; what is published is read per target under
/// the target's lock, so a pass that overlaps a new subscription can never publish a stale cancel.
public final class WatchReconciler: Service {
    let store: any SubscriptionStore
    let sync: WatchSync
    let interval: Duration
    let logger: Logger
    let retryBackoff: Backoff

    /// Some targets of a pass could not be synced (the others were); `run` retries the pass soon.
    public struct PassFailed: Error, CustomStringConvertible {
        /// How many targets failed.
        public var failedTargets: Int
        /// The first failure.
        public var firstError: any Error

        public var description: String { "\(failedTargets) target(s) not synced; first error: \(firstError)" }
    }

    /// Creates the reconciler; `sync` is the bot's one `WatchSync`, shared with the conversation.
    /// - Parameter retryBackoff: the wait before the next pass after a failed one (2 s doubling to 60 s).
    public init(
        store: any SubscriptionStore, sync: WatchSync, interval: Duration, logger: Logger,
        retryBackoff: Backoff = Backoff(initial: .seconds(2), max: .seconds(60), multiplier: 2, jitter: .none)
    ) {
        self.store = store
        self.sync = sync
        self.interval = interval
        self.logger = logger
        self.retryBackoff = retryBackoff
    }

    /// One pass over every target; returns how many were (requested, cancelled). A target that fails
    /// does not stop the pass; the pass then throws `PassFailed`.
    @discardableResult
    public func reconcile() async throws -> (Int, Int) {
        let correlation = "reconcile-\(UUID().uuidString.lowercased())"
        let targetIds = try await store.activeTargets().map(\.id) + store.orphanedTargetIds()
        var requested = 0
        var cancelled = 0
        var failures: [any Error] = []
        for targetId in Set(targetIds).sorted() {
            try Task.checkCancellation()
            do {
                switch try await sync.sync(targetId: targetId, cancelReason: "no_subscribers", correlationId: correlation) {
                case .requested: requested += 1
                case .cancelled: cancelled += 1
                }
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                failures.append(error)
            }
        }
        if let first = failures.first { throw PassFailed(failedTargets: failures.count, firstError: first) }
        return (requested, cancelled)
    }

    public func run() async throws {
        var attempt = 0
        while !Task.isCancelled {
            do {
                let (requested, cancelled) = try await reconcile()
                logger.info("watch list reconciled", ["requested": String(requested), "cancelled": String(cancelled)])
                attempt = 0
                try await Task.sleep(for: interval)
            } catch is CancellationError {
                return
            } catch {
                attempt += 1
                logger.warning("reconcile failed; retrying", ["error": "\(error)"])
                try await Task.sleep(for: retryBackoff.delay(attempt: attempt))
            }
        }
    }
}
