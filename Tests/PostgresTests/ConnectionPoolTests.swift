import TestSupport
import Testing

@testable import Postgres

/// The pool's bookkeeping needs no server: its connections only connect when used.
@Suite("ConnectionPool", .timeLimit(.minutes(1)))
struct ConnectionPoolTests {
    private actor Order {
        var served: [Int] = []
        func append(_ value: Int) { served.append(value) }
    }

    private static let configuration = PostgresConfiguration(host: "127.0.0.1", port: 1, user: "u", database: "d")

    @Test("waiters are served first come, first served")
    func fifo() async throws {
        let pool = ConnectionPool(configuration: Self.configuration, size: 1)
        let held = try await pool.acquire()
        let order = Order()
        var waiters: [Task<Void, any Error>] = []
        for index in 1...5 {
            waiters.append(
                Task {
                    let connection = try await pool.acquire()
                    await order.append(index)
                    pool.release(connection)
                })
            // Queued before the next one asks.
            try await eventually(within: .seconds(10), every: .milliseconds(1), "waiter \(index) queued") { pool.waiterCount == index }
        }
        pool.release(held)
        for waiter in waiters { try await waiter.value }
        #expect(await order.served == [1, 2, 3, 4, 5])
        await pool.close()
    }

    @Test("a cancelled waiter leaves the queue; the pool keeps working")
    func cancelledWaiter() async throws {
        let pool = ConnectionPool(configuration: Self.configuration, size: 1)
        let held = try await pool.acquire()
        let waiter = Task { try await pool.acquire() }
        try await eventually(within: .seconds(10), every: .milliseconds(1), "the waiter queued") { pool.waiterCount == 1 }
        waiter.cancel()
        let result = await waiter.result
        #expect(throws: PostgresError.self) { try result.get() }
        pool.release(held)
        let again = try await pool.acquire()
        pool.release(again)
        await pool.close()
    }

    @Test("close fails waiters, waits for the lease, and refuses new work")
    func closing() async throws {
        let pool = ConnectionPool(configuration: Self.configuration, size: 2)
        let first = try await pool.acquire()
        let second = try await pool.acquire()
        let waiter = Task { try await pool.acquire() }
        try await eventually(within: .seconds(10), every: .milliseconds(1), "the waiter queued") { pool.waiterCount == 1 }
        let closer = Task { await pool.close() }
        let waiterResult = await waiter.result
        #expect(throws: PostgresError.self) { try waiterResult.get() }
        pool.release(first)
        pool.release(second)
        await closer.value
        let error = await #expect(throws: PostgresError.self) { try await pool.acquire() }
        #expect(error?.code == .poolClosed)
        await pool.close()
    }
}
