/// Mutual exclusion per key for async code in one process: bodies for the same key run one at a
/// time, in arrival order; bodies for different keys run side by side.
///
/// `WatchSync` uses it in front of the database's per-target lock so that one process never has
/// more than one pooled connection waiting on the same target. Waiting is not cancellable: the
/// holder's work is bounded (a query and one publish, itself bounded by the producer's timeout).
package actor KeyedLock<Key: Hashable & Sendable> {
    /// For every held key, the tasks waiting for it (first come, first served).
    private var waiters: [Key: [CheckedContinuation<Void, Never>]] = [:]

    /// An unlocked lock.
    package init() {}

    /// Runs `body` while holding `key`.
    package nonisolated func withLock<T: Sendable>(_ key: Key, _ body: () async throws -> T) async throws -> T {
        await lock(key)
        let result: Result<T, any Error>
        do { result = .success(try await body()) } catch { result = .failure(error) }
        await unlock(key)
        return try result.get()
    }

    /// How many tasks wait for `key` (tests).
    package func waiting(for key: Key) -> Int {
        waiters[key]?.count ?? 0
    }

    private func lock(_ key: Key) async {
        guard waiters[key] != nil else {
            waiters[key] = []
            return
        }
        await withCheckedContinuation { waiters[key, default: []].append($0) }
    }

    private func unlock(_ key: Key) {
        guard var queue = waiters[key], !queue.isEmpty else {
            waiters[key] = nil
            return
        }
        // Ownership passes straight to the next waiter: the key stays held.
        let next = queue.removeFirst()
        waiters[key] = queue
        next.resume()
    }
}
