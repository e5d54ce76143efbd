import Synchronization

/// A fixed set of connections handed out one task at a time. Tasks that find none idle wait in
/// FIFO order on a continuation (no polling); closing fails the waiters and closes every
/// connection once it has come back.
final class ConnectionPool: Sendable {
    private let state: Mutex<State>

    private struct Waiter {
        let id: UInt64
        let continuation: CheckedContinuation<Result<LibPQConnection, PostgresError>, Never>
    }

    private struct State {
        var idle: [LibPQConnection]
        var leased = 0
        var waiters: [Waiter] = []
        var nextWaiterID: UInt64 = 0
        var isClosed = false
        var closing = 0
        var closeWaiters: [CheckedContinuation<Void, Never>] = []

        /// Close waiters to resume once nothing is leased or still closing.
        mutating func takeCloseWaitersIfDone() -> [CheckedContinuation<Void, Never>] {
            guard isClosed, leased == 0, closing == 0 else { return [] }
            defer { closeWaiters = [] }
            return closeWaiters
        }
    }

    /// Tasks waiting for a connection (for tests: a task is known to be queued).
    var waiterCount: Int { state.withLock { $0.waiters.count } }

    /// Connections handed out and not yet released (for tests).
    var leasedCount: Int { state.withLock { $0.leased } }

    init(configuration: PostgresConfiguration, size: Int) {
        let connections = (0..<max(1, size)).map { index in
            LibPQConnection(configuration: configuration, label: "pool.\(index)")
        }
        state = Mutex(State(idle: connections))
    }

    /// An idle connection, or the next one released, in order of asking.
    func acquire() async throws(PostgresError) -> LibPQConnection {
        let waiterID = state.withLock { state in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Result<LibPQConnection, PostgresError>, Never>) in
                let immediate: Result<LibPQConnection, PostgresError>? = state.withLock { state in
                    if state.isClosed { return .failure(.poolIsClosed) }
                    // Checked under the lock: a cancel after this point finds the waiter below.
                    if Task.isCancelled { return .failure(.taskCancelled) }
                    if let connection = state.idle.popLast() {
                        state.leased += 1
                        return .success(connection)
                    }
                    state.waiters.append(Waiter(id: waiterID, continuation: continuation))
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> Waiter? in
                guard let index = state.waiters.firstIndex(where: { $0.id == waiterID }) else { return nil }
                return state.waiters.remove(at: index)
            }
            waiter?.continuation.resume(returning: .failure(.taskCancelled))
        }
        return try result.get()
    }

    /// Gives a connection back: to the longest waiter, else to the idle set, else (closed) closes it.
    func release(_ connection: LibPQConnection) {
        enum Action {
            case none
            case handOver(Waiter)
            case close
        }
        let action = state.withLock { state -> Action in
            if state.isClosed {
                state.leased -= 1
                state.closing += 1
                return .close
            }
            if !state.waiters.isEmpty { return .handOver(state.waiters.removeFirst()) }
            state.leased -= 1
            state.idle.append(connection)
            return .none
        }
        switch action {
        case .none:
            break
        case .handOver(let waiter):
            waiter.continuation.resume(returning: .success(connection))
        case .close:
            connection.close { [self] in
                let done = self.state.withLock { state in
                    state.closing -= 1
                    return state.takeCloseWaitersIfDone()
                }
                done.forEach { $0.resume() }
            }
        }
    }

    /// Refuses new work, fails the waiters, closes idle connections now and leased ones when they
    /// come back; returns when all are closed. Idempotent.
    func close() async {
        let (idle, waiters) = state.withLock { state in
            state.isClosed = true
            defer {
                state.idle = []
                state.waiters = []
            }
            state.closing += state.idle.count
            return (state.idle, state.waiters)
        }
        waiters.forEach { $0.continuation.resume(returning: .failure(.poolIsClosed)) }
        for connection in idle {
            await connection.close()
            let done = state.withLock { state in
                state.closing -= 1
                return state.takeCloseWaitersIfDone()
            }
            done.forEach { $0.resume() }
        }
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let finished = state.withLock { state in
                state.closeWaiters.append(continuation)
                return state.takeCloseWaitersIfDone()
            }
            finished.forEach { $0.resume() }
        }
    }
}

extension PostgresError {
    static let poolIsClosed = PostgresError(code: .poolClosed, message: "the PostgreSQL client is closed")
}
