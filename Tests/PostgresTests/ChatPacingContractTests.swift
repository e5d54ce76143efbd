import ChatPacing
import Foundation
import Postgres
import Storage
import Testing

/// The `ChatPacing` contract, run against the in-memory actor (on a manual clock) and PostgreSQL
/// (on the server's clock; "time passes" by moving the reservations back).
@Suite("ChatPacing contract", .timeLimit(.minutes(1)))
struct ChatPacingContractTests {
    enum Backend: String, Sendable, CustomTestStringConvertible {
        case memory
        case postgres

        static var all: [Backend] { PostgresTestDatabase.isEnabled ? [.memory, .postgres] : [.memory] }
        var testDescription: String { rawValue }
    }

    /// Runs `body` with a fresh limiter spacing sends by `interval`, and a way to let time pass.
    static func with(
        _ backend: Backend, interval: Duration,
        _ body: (any ChatPacing, _ advance: @Sendable (Duration) async throws -> Void) async throws -> Void
    ) async throws {
        switch backend {
        case .memory:
            let clock = TestClock()
            let pacing = InMemoryChatPacing(interval: interval.seconds, clock: { clock.now })
            try await body(pacing) { clock.advance($0.seconds) }
        case .postgres:
            try await PostgresTestDatabase.withSchema { configuration in
                try await PostgresTestDatabase.withClient(poolSize: 4, configuration: configuration) { client in
                    _ = try await Migrator(client: client, migrations: SlotHunterMigrations.all).migrate()
                    let pacing = PostgresChatPacing(client: client, interval: interval)
                    try await body(pacing) { elapsed in
                        _ = try await client.query(
                            "UPDATE chat_pacing SET next_free_at = next_free_at - \(elapsed.seconds)::float8 * interval '1 second'")
                    }
                }
            }
        }
    }

    @Test("the first send to a chat goes now; the next ones wait one interval each", arguments: Backend.all)
    func spacing(backend: Backend) async throws {
        try await Self.with(backend, interval: .seconds(10)) { pacing, _ in
            #expect(try await pacing.reserve(chatId: 1) == .zero)
            let second = try await pacing.reserve(chatId: 1)
            #expect(second > .seconds(9) && second <= .seconds(10), "\(second)")
            let third = try await pacing.reserve(chatId: 1)
            #expect(third > .seconds(19) && third <= .seconds(20), "\(third)")
            // Another chat has its own schedule.
            #expect(try await pacing.reserve(chatId: 2) == .zero)
        }
    }

    @Test("once the interval has passed the chat is free again", arguments: Backend.all)
    func freeAgain(backend: Backend) async throws {
        try await Self.with(backend, interval: .seconds(10)) { pacing, advance in
            #expect(try await pacing.reserve(chatId: 7) == .zero)
            try await advance(.seconds(4))
            let wait = try await pacing.reserve(chatId: 7)
            #expect(wait > .seconds(5) && wait <= .seconds(6), "\(wait)")
            try await advance(.seconds(30))
            #expect(try await pacing.reserve(chatId: 7) == .zero)
        }
    }

    @Test("concurrent reservations for one chat each get their own turn", arguments: Backend.all)
    func concurrent(backend: Backend) async throws {
        try await Self.with(backend, interval: .seconds(10)) { pacing, _ in
            let waits = try await withThrowingTaskGroup(of: Duration.self) { group in
                for _ in 0..<5 { group.addTask { try await pacing.reserve(chatId: 42) } }
                return try await group.reduce(into: [Duration]()) { $0.append($1) }
            }.sorted()
            #expect(waits.count == 5)
            for (turn, wait) in waits.enumerated() {
                // Within a second of the ideal: a reservation may wait a moment for the row lock.
                #expect(wait > .seconds(10 * turn) - .seconds(1) && wait < .seconds(10 * turn) + .seconds(1), "turn \(turn): \(waits)")
            }
        }
    }
}

/// The reservation arithmetic itself.
@Suite("ChatPacingRule")
struct ChatPacingRuleTests {
    let now = Date(timeIntervalSince1970: 1_000_000)

    @Test("a chat never reserved, or free since the past, sends now and is busy for one interval")
    func free() {
        for previous in [nil, now.addingTimeInterval(-5)] {
            let reservation = ChatPacingRule.reserve(nextFree: previous, now: now, interval: 1)
            #expect(reservation.sendAt == now && reservation.nextFree == now.addingTimeInterval(1))
        }
    }

    @Test("a busy chat sends when it is free and stays busy one interval after that")
    func busy() {
        let reservation = ChatPacingRule.reserve(nextFree: now.addingTimeInterval(0.4), now: now, interval: 1)
        #expect(reservation.sendAt == now.addingTimeInterval(0.4) && reservation.nextFree == now.addingTimeInterval(1.4))
    }

    @Test("the in-memory limiter rounds a wait up to the millisecond and reads its clock")
    func memory() async throws {
        let clock = TestClock()
        let pacing = InMemoryChatPacing(interval: 1, clock: { clock.now })
        #expect(try await pacing.reserve(chatId: 1) == .zero)
        clock.advance(0.25)
        #expect(try await pacing.reserve(chatId: 1) == .milliseconds(750))
    }
}

/// A clock the test moves by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date(timeIntervalSince1970: 1_800_000_000)

    var now: Date { lock.withLock { current } }

    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

extension Duration {
    /// The duration in seconds.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
