import Foundation

/// Guards the lifetime of a C handle shared by several threads.
///
/// Callers `lease` the handle for the duration of one call; `retire()` refuses new leases and
/// blocks until the running ones end, after which the owner may destroy the handle.
/// `@unchecked Sendable`: all state is guarded by `condition`.
final class HandleGuard: @unchecked Sendable {
    private let condition = NSCondition()
    private var leases = 0
    private var retired = false

    /// Runs `body` while holding a lease; nil when the handle is retired.
    func withLease<Result>(_ body: () throws(KafkaError) -> Result) throws(KafkaError) -> Result? {
        condition.lock()
        guard !retired else {
            condition.unlock()
            return nil
        }
        leases += 1
        condition.unlock()
        defer {
            condition.lock()
            leases -= 1
            if leases == 0 { condition.broadcast() }
            condition.unlock()
        }
        return try body()
    }

    /// Refuses new leases and waits for running ones. Blocking: call it off the cooperative pool.
    func retire() {
        condition.lock()
        retired = true
        while leases > 0 { condition.wait() }
        condition.unlock()
    }

    /// Whether `retire()` was called.
    var isRetired: Bool {
        condition.lock()
        defer { condition.unlock() }
        return retired
    }
}
