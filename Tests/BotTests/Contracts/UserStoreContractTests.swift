import BotDomain
import BotTestSupport
import Localization
import Messaging
import Testing

/// `UserStore`: the in-memory store and PostgreSQL behave the same.
@Suite("UserStore contract")
struct UserStoreContractTests {
    @Test("a new user takes Telegram's language and is active; an existing one keeps language and status", arguments: StoreBackend.all)
    func upsert(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let created = try await store.upsertUser(chatId: 1, userId: 1, username: "a", firstName: "A", language: .english)
            #expect(created == BotUser(chatId: 1, language: .english, status: .active))
            try await store.setLanguage(chatId: 1, language: .persian)
            try await store.setStatus(chatId: 1, status: .paused)
            let again = try await store.upsertUser(chatId: 1, userId: 1, username: nil, firstName: nil, language: .english)
            #expect(again == BotUser(chatId: 1, language: .persian, status: .paused))
            #expect(try await store.user(chatId: 1) == again)
            #expect(try await store.user(chatId: 2) == nil)
        }
    }

    @Test(
        "blocking deactivates a user's subscriptions and names the targets left unwatched; unblocking brings them back",
        arguments: StoreBackend.all)
    func blockAndUnblock(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let doctor = BotFixtures.doctor()
            let targets = BotFixtures.targets(of: doctor, count: 2)
            _ = try await store.saveDoctor(doctor, targets: targets)
            for chat: Int64 in [1, 2] {
                _ = try await store.upsertUser(chatId: chat, userId: chat, username: nil, firstName: nil, language: .persian)
            }
            let cap = SubscriptionCap(limit: 10)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: cap)
            _ = try await store.subscribe(chatId: 1, targetId: targets[1].id, cap: cap)
            _ = try await store.subscribe(chatId: 2, targetId: targets[1].id, cap: cap)

            #expect(try await store.markBlocked(chatId: 1, reason: "test") == [targets[0].id])
            #expect(try await store.user(chatId: 1)?.status == .blocked)
            #expect(try await store.subscriptions(chatId: 1).isEmpty)
            #expect(try await store.markBlocked(chatId: 99, reason: "unknown user") == [])

            #expect(try await store.markUnblocked(chatId: 1).map(\.id) == [targets[0].id])
            #expect(try await store.user(chatId: 1)?.status == .active)
            #expect(try await store.subscriptions(chatId: 1).map(\.target.id) == targets.map(\.id))
            #expect(try await store.markUnblocked(chatId: 1) == [], "not blocked any more: nothing to bring back")
        }
    }

    @Test("deleting a user removes them and names the targets nobody watches any more", arguments: StoreBackend.all)
    func delete(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let doctor = BotFixtures.doctor()
            let targets = BotFixtures.targets(of: doctor, count: 2)
            _ = try await store.saveDoctor(doctor, targets: targets)
            for chat: Int64 in [1, 2] {
                _ = try await store.upsertUser(chatId: chat, userId: chat, username: nil, firstName: nil, language: .persian)
            }
            let cap = SubscriptionCap(limit: 10)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: cap)
            _ = try await store.subscribe(chatId: 1, targetId: targets[1].id, cap: cap)
            _ = try await store.subscribe(chatId: 2, targetId: targets[0].id, cap: cap)
            #expect(try await store.deleteUser(chatId: 1) == [targets[1].id])
            #expect(try await store.user(chatId: 1) == nil)
            #expect(try await store.subscriptions(chatId: 1).isEmpty)
            #expect(try await store.deleteUser(chatId: 1) == [])
        }
    }
}
