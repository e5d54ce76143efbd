import Foundation
import ServiceRuntime

/// Heals the watch topic: at start and then periodically, republishes `watch.requested` for every
/// target with an active subscription and `watch.cancelled` for targets nobody watches any more.
/// Idempotent (the latest message per key wins).
public final class WatchReconciler: Service {
    let store: any BotStore
    let watches: any WatchPublishing
    let interval: Duration
    let logger: Logger

    /// Creates the reconciler.
    public init(store: any BotStore, watches: any WatchPublishing, interval: Duration, logger: Logger) {
        self.store = store
        self.watches = watches
        self.interval = interval
        self.logger = logger
    }

    /// One pass; returns (requested, cancelled).
    @discardableResult
    public func reconcile() async throws -> (Int, Int) {
        let correlation = "reconcile-\(UUID().uuidString.lowercased())"
        let active = try await store.activeTargets()
        for target in active { try await watches.requested(target, correlationId: correlation) }
        let orphaned = try await store.orphanedTargetIds()
        for id in orphaned { try await watches.cancelled(targetId: id, reason: "no_subscribers", correlationId: correlation) }
        return (active.count, orphaned.count)
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
                try await Task.sleep(for: .seconds(min(60, 1 << min(attempt, 6))))
            }
        }
    }
}
