import Synchronization
import Testing

@testable import BotAdapters
import BotApp
@testable import BotDomain

@Suite("KeyedLock")
struct KeyedLockTests {
    /// Shared state of the tasks of one test.
    final class Board: Sendable {
        /// Bodies inside the lock now, per key.
        let inside = Mutex<[String: Int]>([:])
        /// The most bodies ever inside at once, per key.
        let most = Mutex<[String: Int]>([:])
        /// Order in which waiters got the key.
        let order = Mutex<[Int]>([])
    }

    @Test("bodies for one key never overlap")
    func exclusionPerKey() async throws {
        let lock = KeyedLock<String>()
        let board = Board()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<200 {
                let key = index % 2 == 0 ? "a" : "b"
                group.addTask {
                    try await lock.withLock(key) {
                        let now = board.inside.withLock { counts in
                            counts[key, default: 0] += 1
                            return counts[key]!
                        }
                        board.most.withLock { $0[key] = max($0[key, default: 0], now) }
                        await Task.yield()
                        board.inside.withLock { $0[key]! -= 1 }
                    }
                }
            }
            try await group.waitForAll()
        }
        #expect(board.most.withLock { $0 } == ["a": 1, "b": 1])
    }

    @Test("a body that throws releases the key")
    func throwingBodyReleases() async throws {
        struct Boom: Error {}
        let lock = KeyedLock<Int>()
        await #expect(throws: Boom.self) { try await lock.withLock(1) { throw Boom() } }
        let value = try await lock.withLock(1) { 42 }
        #expect(value == 42)
    }

    @Test("waiters get the key in arrival order")
    func firstComeFirstServed() async throws {
        let lock = KeyedLock<Int>()
        let board = Board()
        let (holding, held) = AsyncStream.makeStream(of: Void.self)
        let (releasing, release) = AsyncStream.makeStream(of: Void.self)
        let holder = Task {
            try await lock.withLock(7) {
                held.yield()
                for await _ in releasing { break }
            }
        }
        for await _ in holding { break }
        var waiters: [Task<Void, any Error>] = []
        for index in 0..<5 {
            waiters.append(Task { try await lock.withLock(7) { board.order.withLock { $0.append(index) } } })
            // Let this waiter queue up before the next one starts (bounded: a broken lock fails, not hangs).
            var spins = 0
            while await lock.waiting(for: 7) < index + 1, spins < 100_000 {
                spins += 1
                await Task.yield()
            }
            #expect(spins < 100_000, "waiter \(index) never queued")
        }
        release.yield()
        try await holder.value
        for waiter in waiters { try await waiter.value }
        #expect(board.order.withLock { $0 } == [0, 1, 2, 3, 4])
    }
}
