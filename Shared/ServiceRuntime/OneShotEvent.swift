import Synchronization

/// An event that happens at most once and can be awaited by any number of tasks (shutdown
/// requests, "stop starting work", "a task finished").
public final class OneShotEvent: Sendable {
    private struct State {
        var fired = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiterID = 0
    }

    private let state = Mutex(State())

    /// Creates an event that has not fired.
    public init() {}

    /// Whether `fire()` has been called.
    public var isFired: Bool { state.withLock { $0.fired } }

    /// Fires the event, resuming every waiter; later calls do nothing.
    /// - Returns: true for the call that fired it.
    @discardableResult
    public func fire() -> Bool {
        let waiters = state.withLock { state -> [CheckedContinuation<Void, Never>]? in
            guard !state.fired else { return nil }
            state.fired = true
            defer { state.waiters.removeAll() }
            return Array(state.waiters.values)
        }
        guard let waiters else { return false }
        for waiter in waiters { waiter.resume() }
        return true
    }

    /// Returns once the event has fired, or as soon as the calling task is cancelled.
    public func wait() async {
        let id = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let resumeNow = state.withLock { state -> Bool in
                    // Cancellation is checked under the lock so a concurrent onCancel cannot miss this waiter.
                    if state.fired || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Waits until the event fires, `deadline` passes or `abandon` fires.
    /// - Returns: whether the event has fired.
    public func wait(until deadline: ContinuousClock.Instant, orUntil abandon: OneShotEvent? = nil) async -> Bool {
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.wait() }
            group.addTask { try? await Task.sleep(until: deadline, clock: .continuous) }
            if let abandon { group.addTask { await abandon.wait() } }
            await group.next()
            group.cancelAll()
        }
        return isFired
    }
}
