import Foundation
import Synchronization

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The state of one request of an `HTTPSessionClient`, shared by the awaiting caller, the
/// session's completion handler and the cancellation handler; it resumes the continuation exactly once.
///
/// Whoever moves the state to `.finished` first (the completion or the cancellation) resumes the
/// caller; the other finds `.finished` and does nothing. Continuations are resumed and tasks
/// cancelled only after the lock is released.
final class HTTPExchange: Sendable {
    typealias Continuation = CheckedContinuation<HTTPClientResponse, any Error>

    enum State {
        /// Created; the data task is not made yet.
        case idle
        /// Cancelled before the data task was started: it is never started.
        case cancelledBeforeStart
        /// The data task runs; the continuation waits.
        case running(URLSessionDataTask, Continuation)
        /// The continuation has been resumed.
        case finished
    }

    private let state = Mutex<State>(.idle)

    /// Hands over the task and the continuation. Returns false, after resuming the continuation
    /// with `.cancelled`, when cancellation came first: the task must then not be resumed.
    func start(_ task: URLSessionDataTask, continuation: Continuation) -> Bool {
        let started = state.withLock { state -> Bool in
            guard case .idle = state else { return false }
            state = .running(task, continuation)
            return true
        }
        if !started { continuation.resume(throwing: HTTPClientError(.cancelled)) }
        return started
    }

    /// The session finished the task: resumes the caller unless cancellation already did.
    func complete(_ result: Result<HTTPClientResponse, HTTPClientError>) {
        let continuation = state.withLock { state -> Continuation? in
            guard case .running(_, let continuation) = state else { return nil }
            state = .finished
            return continuation
        }
        continuation?.resume(with: result.mapError { $0 as any Error })
    }

    /// The caller's task was cancelled: resumes it at once with `.cancelled` and asks `queue` to
    /// cancel the data task. Never blocks and never calls into URLSession on the calling thread,
    /// which may hold the concurrency runtime's task-status lock (swift-corelibs-foundation #5412).
    func cancel(on queue: DispatchQueue) {
        let action = state.withLock { state -> (URLSessionDataTask, Continuation)? in
            switch state {
            case .idle:
                state = .cancelledBeforeStart
                return nil
            case .running(let task, let continuation):
                state = .finished
                return (task, continuation)
            case .cancelledBeforeStart, .finished:
                return nil
            }
        }
        guard let (task, continuation) = action else { return }
        continuation.resume(throwing: HTTPClientError(.cancelled))
        queue.async { task.cancel() }
    }
}
