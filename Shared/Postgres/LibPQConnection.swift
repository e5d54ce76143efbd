import Synchronization
import CLibPQ
import Dispatch
import Foundation

/// The only caller of libpq: one `PGconn` confined to a serial `DispatchQueue`, so blocking libpq
/// calls never run on Swift's cooperative pool. Async methods hop onto the queue through a
/// continuation. The connection is opened lazily and re-opened on the next use after it broke.
// @unchecked Sendable: `handle` is read and written only on `queue`; `cancelState` is a `Locked`.
final class LibPQConnection: @unchecked Sendable {
    let configuration: PostgresConfiguration
    private let queue: DispatchQueue
    /// The `PGconn *`; touched only on `queue`.
    private var handle: OpaquePointer?
    private let cancelState = Mutex(CancelState())

    // @unchecked Sendable: `cancelHandle` is a `PGcancel *`, read and replaced only under
    // `cancelState`'s lock; libpq documents `PQcancel` as safe to call from any thread.
    private struct CancelState: @unchecked Sendable {
        /// `PGcancel *` of the current connection (PQcancel is documented safe from any thread).
        var cancelHandle: OpaquePointer?
        var runningOperation: UInt64?
        var nextOperation: UInt64 = 0
        /// Submitted to the queue, not started yet; cancelling one removes it.
        var pendingOperations: Set<UInt64> = []
    }

    init(configuration: PostgresConfiguration, label: String) {
        self.configuration = configuration
        self.queue = DispatchQueue(label: "slothunter.postgres.\(label)")
    }

    deinit {
        // Normally already closed; the last reference may go away without close().
        if let handle { PQfinish(handle) }
        cancelState.withLock { state in
            if let cancel = state.cancelHandle { PQfreeCancel(cancel) }
            state.cancelHandle = nil
        }
    }

    // MARK: Async operations (each one a block on `queue`)

    /// Runs a parameterized statement (`PQexecParams`, text in, text out).
    func query(_ query: PostgresQuery, cancellable: Bool = true) async throws(PostgresError) -> PostgresRows {
        try await run(cancellable: cancellable) { connection throws(PostgresError) in
            try connection.onQueueExecParams(query)
        }
    }

    /// Runs raw SQL, possibly several statements (`PQexec`); returns the last statement's result.
    func execute(_ sql: String, cancellable: Bool = true) async throws(PostgresError) -> PostgresRows {
        try await run(cancellable: cancellable) { connection throws(PostgresError) in
            try connection.onQueueExec(sql)
        }
    }

    /// After a lease: rolls back a transaction left open, drops a connection in an unknown state.
    func resetAfterUse() async {
        _ = try? await run(cancellable: false) { connection throws(PostgresError) in
            connection.onQueueReset()
        }
    }

    /// Closes the server connection (it re-opens on a later use).
    func close() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            close { continuation.resume() }
        }
    }

    /// Closes on the queue, then calls `completion` there.
    func close(completion: @escaping @Sendable () -> Void) {
        queue.async {
            self.onQueueDisconnect()
            completion()
        }
    }

    /// Connects if needed and runs `SELECT 1`, calling `completion` with the outcome on the queue.
    func probe(completion: @escaping @Sendable (Bool) -> Void) {
        queue.async {
            let reachable: Bool
            do {
                let rows = try self.onQueueExecParams("SELECT 1")
                reachable = rows.count == 1
            } catch {
                reachable = false
            }
            self.onQueueDisconnect()
            completion(reachable)
        }
    }

    private func run<Success: Sendable>(
        cancellable: Bool, _ work: @escaping @Sendable (LibPQConnection) throws(PostgresError) -> Success
    ) async throws(PostgresError) -> Success {
        if cancellable, Task.isCancelled { throw PostgresError.taskCancelled }
        let operation = cancelState.withLock { state in
            state.nextOperation += 1
            state.pendingOperations.insert(state.nextOperation)
            return state.nextOperation
        }
        let result: Result<Success, PostgresError> = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                queue.async {
                    guard self.begin(operation) || !cancellable else {
                        continuation.resume(returning: .failure(.taskCancelled))
                        return
                    }
                    let result: Result<Success, PostgresError>
                    do throws(PostgresError) { result = .success(try work(self)) } catch { result = .failure(error) }
                    self.end(operation)
                    continuation.resume(returning: result)
                }
            }
        } onCancel: {
            guard cancellable else { return }
            // PQcancel opens a connection to the server: keep that off the cooperative pool too.
            DispatchQueue.global().async { self.cancel(operation) }
        }
        return try result.get()
    }

    /// Marks `operation` as running; false if it was cancelled before it started.
    private func begin(_ operation: UInt64) -> Bool {
        cancelState.withLock { state in
            guard state.pendingOperations.remove(operation) != nil else { return false }
            state.runningOperation = operation
            return true
        }
    }

    private func end(_ operation: UInt64) {
        cancelState.withLock { state in
            state.runningOperation = nil
        }
    }

    /// Asks the server to cancel `operation` if it is the statement running now. Holding the lock
    /// while PQcancel runs keeps the next statement from starting and catching the cancel instead.
    private func cancel(_ operation: UInt64) {
        cancelState.withLock { state in
            if state.runningOperation == operation {
                guard let cancelHandle = state.cancelHandle else { return }
                var buffer = [CChar](repeating: 0, count: 256)
                _ = PQcancel(cancelHandle, &buffer, Int32(buffer.count))
            } else {
                state.pendingOperations.remove(operation)  // still queued: `begin` will refuse it
            }
        }
    }

    // MARK: On the queue

    private func onQueueConnection() throws(PostgresError) -> OpaquePointer {
        if let handle {
            if PQstatus(handle) == CONNECTION_OK {
                // Reads what the server sent while we were idle: after a restart or
                // pg_terminate_backend that is a FATAL message and EOF, which turns the status BAD.
                _ = PQconsumeInput(handle)
                if PQstatus(handle) == CONNECTION_OK { return handle }
            }
            onQueueDisconnect()
        }
        let connection = try LibPQConnector.connect(configuration)
        handle = connection
        let cancel = PQgetCancel(connection)
        cancelState.withLock { state in
            if let old = state.cancelHandle { PQfreeCancel(old) }
            state.cancelHandle = cancel
        }
        return connection
    }

    private func onQueueDisconnect() {
        cancelState.withLock { state in
            if let cancel = state.cancelHandle { PQfreeCancel(cancel) }
            state.cancelHandle = nil
        }
        if let handle { PQfinish(handle) }
        handle = nil
    }

    private func onQueueExecParams(_ query: PostgresQuery) throws(PostgresError) -> PostgresRows {
        if query.sql.utf8.contains(0) {
            throw PostgresError(code: .encodingFailed, message: "the SQL text contains a NUL character")
        }
        for (index, bind) in query.binds.enumerated() where bind.text?.utf8.contains(0) == true {
            throw PostgresError(
                code: .encodingFailed, message: "parameter $\(index + 1) contains a NUL character, which PostgreSQL text cannot hold")
        }
        let connection = try onQueueConnection()
        let values: [UnsafeMutablePointer<CChar>?] = query.binds.map { bind in bind.text.flatMap { strdup($0) } }
        defer { values.forEach { free($0) } }
        let constValues: [UnsafePointer<CChar>?] = values.map { $0.map { UnsafePointer($0) } }
        let types: [Oid] = query.binds.map { Oid($0.dataType.oid) }
        let result = types.withUnsafeBufferPointer { types in
            constValues.withUnsafeBufferPointer { values in
                PQexecParams(connection, query.sql, Int32(query.binds.count), types.baseAddress, values.baseAddress, nil, nil, 0)
            }
        }
        return try onQueueRows(result, connection: connection, binds: query.binds)
    }

    private func onQueueExec(_ sql: String) throws(PostgresError) -> PostgresRows {
        if sql.utf8.contains(0) {
            throw PostgresError(code: .encodingFailed, message: "the SQL text contains a NUL character")
        }
        let connection = try onQueueConnection()
        return try onQueueRows(PQexec(connection, sql), connection: connection, binds: [])
    }

    private func onQueueReset() {
        guard let handle else { return }
        guard PQstatus(handle) == CONNECTION_OK else { return onQueueDisconnect() }
        switch PQtransactionStatus(handle) {
        case PQTRANS_IDLE:
            return
        case PQTRANS_INTRANS, PQTRANS_INERROR:
            if let result = PQexec(handle, "ROLLBACK") {
                let ok = PQresultStatus(result) == PGRES_COMMAND_OK
                PQclear(result)
                if ok, PQtransactionStatus(handle) == PQTRANS_IDLE { return }
            }
            onQueueDisconnect()
        default:
            onQueueDisconnect()
        }
    }

    /// Turns a `PGresult` into rows or an error, and frees it.
    private func onQueueRows(
        _ result: OpaquePointer?, connection: OpaquePointer, binds: [PostgresBind]
    ) throws(PostgresError)
        -> PostgresRows
    {
        guard let result else {
            throw LibPQConnector.connectionError(connection, fallback: "no result from the server")
        }
        defer { PQclear(result) }
        switch PQresultStatus(result) {
        case PGRES_COMMAND_OK, PGRES_EMPTY_QUERY, PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return LibPQResultReader.rows(of: result)
        case PGRES_COPY_IN, PGRES_COPY_OUT, PGRES_COPY_BOTH:
            // COPY needs a streaming protocol this client does not speak: drop the connection.
            onQueueDisconnect()
            throw PostgresError(code: .queryFailed, message: "COPY is not supported by this client")
        default:
            var error = LibPQResultReader.error(of: result, binds: binds)
            if PQstatus(connection) != CONNECTION_OK {
                error.code = .connectionLost
                error.isRetriable = true
            }
            throw error
        }
    }
}

extension PostgresError {
    static let taskCancelled = PostgresError(code: .cancelled, message: "the task was cancelled")
}
