import BotDomain
import BotTestSupport
import Testing

/// `WatchStateStore`: the in-memory store and PostgreSQL behave the same.
@Suite("WatchStateStore contract")
struct WatchStateStoreContractTests {
    @Test("the desired state follows the active subscriptions", arguments: StoreBackend.all)
    func desired(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let targets = try await SubscriptionStoreContractTests.seeded(store)
            func desired(_ id: String) async throws -> DesiredWatch {
                var seen: DesiredWatch?
                try await store.withWatchLock(targetId: id) { state in seen = state }
                return try #require(seen)
            }
            #expect(try await desired(targets[0].id) == .unwatched)
            #expect(try await desired("no-such-target") == .unwatched)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: SubscriptionCap(limit: 10))
            #expect(try await desired(targets[0].id) == .watched(targets[0]))
            _ = try await store.markBlocked(chatId: 1, reason: "test")
            #expect(try await desired(targets[0].id) == .unwatched)
        }
    }

    @Test("two holders of one target's lock never overlap", arguments: StoreBackend.all)
    func exclusive(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let targets = try await SubscriptionStoreContractTests.seeded(store)
            let inside = Occupancy()
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<6 {
                    group.addTask {
                        try await store.withWatchLock(targetId: targets[0].id) { _ in
                            await inside.enter()
                            for _ in 0..<5 { await Task.yield() }
                            await inside.leave()
                        }
                    }
                }
                try await group.waitForAll()
            }
            #expect(await inside.most == 1)
        }
    }
}

/// How many holders are inside a lock now, and the most at once.
private actor Occupancy {
    private(set) var now = 0
    private(set) var most = 0

    func enter() {
        now += 1
        most = max(most, now)
    }

    func leave() { now -= 1 }
}
