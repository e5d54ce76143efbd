import Synchronization
import Foundation

/// A dedicated thread that runs `iteration` until asked to stop, then `finish` once.
///
/// librdkafka's blocking polls run here rather than on the cooperative pool.
final class PollThread: Sendable {
    private struct State {
        var stopRequested = false
        var exited = false
        var exitWaiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())
    private let name: String

    init(name: String) {
        self.name = name
    }

    /// Starts the thread. `iteration` should block for a short while (a poll with a timeout);
    /// `finish` runs on the same thread after the last iteration.
    func start(iteration: @escaping @Sendable () -> Void, finish: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while !state.withLock({ $0.stopRequested }) {
                iteration()
            }
            finish()
            let waiters = state.withLock { state in
                state.exited = true
                defer { state.exitWaiters.removeAll() }
                return state.exitWaiters
            }
            for waiter in waiters { waiter.resume() }
        }
        thread.name = name
        thread.start()
    }

    /// Asks the loop to stop after its current iteration.
    func requestStop() {
        state.withLock { $0.stopRequested = true }
    }

    /// Whether a stop was requested.
    var isStopRequested: Bool {
        state.withLock { $0.stopRequested }
    }

    /// Asks the loop to stop and waits until `finish` has run.
    func stop() async {
        requestStop()
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let exited = state.withLock { state in
                if !state.exited { state.exitWaiters.append(continuation) }
                return state.exited
            }
            if exited { continuation.resume() }
        }
    }
}
