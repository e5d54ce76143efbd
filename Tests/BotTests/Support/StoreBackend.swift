import BotAdapters
import BotDomain
import BotTestSupport
import Foundation
import Postgres
import Storage
import TestSupport

/// The two implementations every store contract suite runs against.
enum StoreBackend: String, Sendable, CustomStringConvertible {
    /// `InMemoryBotStore`.
    case memory
    /// `PostgresBotStore` on a fresh, migrated database.
    case postgres

    var description: String { rawValue }

    /// Both, where a database is available (and in CI, where a missing one must fail the suite).
    static var all: [StoreBackend] { TestEnvironment.hasDatabase ? [.memory, .postgres] : [.memory] }

    /// Runs `body` with an empty store of this kind whose clock is `clock`.
    func withStore(
        clock: ManualClock = ManualClock(), _ body: (any BotStore & WatchStateStore, ManualClock) async throws -> Void
    ) async throws {
        switch self {
        case .memory:
            try await body(InMemoryBotStore(now: clock.function), clock)
        case .postgres:
            let database = try await TestDatabase.create(prefix: "botstore")
            let client = try database.client(poolSize: 4)
            do {
                try await DatabaseStartup.migrate(client, log: { _ in })
                try await body(PostgresBotStore(client: client, now: clock.function), clock)
            } catch {
                await client.close()
                throw error
            }
            await client.close()
        }
    }
}
