/// The database side of `WatchSync`: a target's desired watch state, read under that target's lock.
public protocol WatchStateStore: Sendable {
    /// Takes the target's watch lock, which every bot process honours (not only this one), reads the
    /// target's desired state as committed at that moment, runs `body` with it, and releases the lock
    /// only once `body` returned or threw. Two calls for the same target never overlap.
    func withWatchLock(targetId: String, _ body: (DesiredWatch) async throws -> Void) async throws
}
