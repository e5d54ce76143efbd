import Foundation
import NotifierDomain
import Testing

/// The `SubscriberDirectory` contract, run against the in-memory double and PostgreSQL.
@Suite("SubscriberDirectory contract", .timeLimit(.minutes(1)))
struct SubscriberDirectoryContractTests {
    @Test("only active subscriptions of active users match, with their language and filters", arguments: StoreBackend.all)
    func matching(backend: StoreBackend) async throws {
        let fixture = try await backend.makeFixture()
        defer { Task { await fixture.close() } }
        let filters = SubscriptionFilters(windowDays: 7, mode: .online, hourFrom: 8, hourTo: 12, weekdays: 0b0101010)
        try await fixture.seed(users: 1...2, subscribeTo: 1)
        try await fixture.seed(users: 3...3, subscribeTo: 1, active: false)
        try await fixture.seed(users: 4...4, status: "paused", subscribeTo: 1)
        try await fixture.seed(users: 5...5, status: "blocked", subscribeTo: 1)
        try await fixture.seed(users: 6...6, language: .persian, subscribeTo: 1, filters: filters)
        try await fixture.seed(users: 1...1, subscribeTo: 2)

        let one = try await fixture.directory.subscribers(forTargets: [NotifierTestData.targetId(1)])
        #expect(Set(one.map(\.chatId)) == [1, 2, 6])
        let six = try #require(one.first { $0.chatId == 6 })
        #expect(six.language == .persian && six.filters == filters)
        #expect(one.first { $0.chatId == 1 }?.filters == .default)
        let both = try await fixture.directory.subscribers(forTargets: [NotifierTestData.targetId(1), NotifierTestData.targetId(2)])
        #expect(both.count == 4)
        #expect(try await fixture.directory.subscribers(forTargets: [NotifierTestData.targetId(3)]).isEmpty)
    }

    @Test("deactivating a user blocks them with the reason and stops all their subscriptions", arguments: StoreBackend.all)
    func deactivation(backend: StoreBackend) async throws {
        let fixture = try await backend.makeFixture()
        defer { Task { await fixture.close() } }
        try await fixture.seed(users: 1...2, subscribeTo: 1)
        try await fixture.seed(users: 1...1, subscribeTo: 2)

        try await fixture.directory.deactivateUser(chatId: 1, reason: "Forbidden: bot was blocked by the user")

        let user = try #require(try await fixture.user(1))
        #expect(user.status == "blocked" && user.reason == "Forbidden: bot was blocked by the user")
        #expect(try await fixture.user(2)?.status == "active")
        let left = try await fixture.directory.subscribers(forTargets: [NotifierTestData.targetId(1), NotifierTestData.targetId(2)])
        #expect(left.map(\.chatId) == [2])
        // Deactivating again (a replayed 403) changes nothing and does not fail.
        try await fixture.directory.deactivateUser(chatId: 1, reason: "Forbidden: bot was blocked by the user")
        #expect(try await fixture.user(1)?.status == "blocked")
    }
}
