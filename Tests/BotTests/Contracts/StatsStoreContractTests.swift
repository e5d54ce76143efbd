import BotDomain
import BotTestSupport
import Testing

/// `StatsStore`: the in-memory store and PostgreSQL behave the same.
@Suite("StatsStore contract")
struct StatsStoreContractTests {
    @Test("counts users, active users, active subscriptions and watched targets", arguments: StoreBackend.all)
    func counts(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            #expect(
                try await store.stats() == BotStats(users: 0, activeUsers: 0, activeSubscriptions: 0, watchedTargets: 0, noticesToday: 0))
            let targets = try await SubscriptionStoreContractTests.seeded(store)
            let cap = SubscriptionCap(limit: 10)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: cap)
            _ = try await store.subscribe(chatId: 2, targetId: targets[0].id, cap: cap)
            _ = try await store.subscribe(chatId: 2, targetId: targets[1].id, cap: cap)
            try await store.setStatus(chatId: 3, status: .paused)
            _ = try await store.markBlocked(chatId: 1, reason: "test")
            #expect(
                try await store.stats() == BotStats(users: 3, activeUsers: 1, activeSubscriptions: 2, watchedTargets: 2, noticesToday: 0))
        }
    }
}
