import Synchronization

/// The shared state of one `ServiceGroup` run: why and whether shutdown began, which services
/// ended and how, and the events the supervisor and the shutdown sequence wait on.
final class ServiceGroupCoordinator: Sendable {
    private struct State {
        var started = false
        var reason: ShutdownReason?
        var finishOrder: [Int] = []
        var firstError: (any Error)?
    }

    private let state = Mutex(State())
    /// Fires when shutdown begins (signal, request, a service ending, cancellation).
    let shutdownRequested = OneShotEvent()
    /// Fires on a second signal: stop waiting for services.
    let forceRequested = OneShotEvent()
    /// Per service: fired to cancel that service's task.
    let cancelRequested: [OneShotEvent]
    /// Per service: fired when that service's `run()` has returned or thrown.
    let finished: [OneShotEvent]

    init(serviceCount: Int) {
        cancelRequested = (0..<serviceCount).map { _ in OneShotEvent() }
        finished = (0..<serviceCount).map { _ in OneShotEvent() }
    }

    /// Marks the group as started. - Returns: false if it had been started before.
    func markStarted() -> Bool {
        state.withLock { state in
            defer { state.started = true }
            return !state.started
        }
    }

    /// Why shutdown began, once it has.
    var reason: ShutdownReason? { state.withLock { $0.reason } }

    /// The first error a service threw, other than `CancellationError`.
    var firstError: (any Error)? { state.withLock { $0.firstError } }

    /// Indices of the services that ended, in the order they ended.
    var finishOrder: [Int] { state.withLock { $0.finishOrder } }

    /// Begins shutdown for `reason` unless it has begun already. - Returns: whether this call began it.
    @discardableResult
    func requestShutdown(_ reason: ShutdownReason) -> Bool {
        let first = state.withLock { state -> Bool in
            guard state.reason == nil else { return false }
            state.reason = reason
            return true
        }
        if first { shutdownRequested.fire() }
        return first
    }

    /// Records the end of service `index`, and begins shutdown if none has begun.
    /// - Returns: whether this ending began the shutdown.
    func serviceFinished(index: Int, name: String, result: Result<Void, any Error>) -> Bool {
        let began = state.withLock { state -> Bool in
            state.finishOrder.append(index)
            if case .failure(let error) = result, !(error is CancellationError), state.firstError == nil {
                state.firstError = error
            }
            guard state.reason == nil else { return false }
            if case .failure(let error) = result, !(error is CancellationError) {
                state.reason = .serviceFailed(name)
            } else {
                state.reason = .serviceFinished(name)
            }
            return true
        }
        finished[index].fire()
        if began { shutdownRequested.fire() }
        return began
    }
}
