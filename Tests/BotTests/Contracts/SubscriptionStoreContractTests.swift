import BotDomain
import BotTestSupport
import Foundation
import Messaging
import Testing

/// `SubscriptionStore`: the in-memory store and PostgreSQL behave the same.
@Suite("SubscriptionStore contract")
struct SubscriptionStoreContractTests {
    /// A store with users 1…3 and one doctor's `targetCount` targets.
    static func seeded(
        _ store: any BotStore, targetCount: Int = 3
    ) async throws -> [WatchTarget] {
        let doctor = BotFixtures.doctor()
        let targets = BotFixtures.targets(of: doctor, count: targetCount)
        _ = try await store.saveDoctor(doctor, targets: targets)
        for chat: Int64 in 1...3 {
            _ = try await store.upsertUser(chatId: chat, userId: chat, username: nil, firstName: nil, language: .persian)
        }
        return targets
    }

    @Test("the first subscriber of a target is told so; a repeat is already subscribed", arguments: StoreBackend.all)
    func firstForTarget(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let targets = try await Self.seeded(store)
            let cap = SubscriptionCap(limit: 10)
            #expect(try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: cap) == .created(firstForTarget: true))
            #expect(try await store.subscribe(chatId: 2, targetId: targets[0].id, cap: cap) == .created(firstForTarget: false))
            #expect(try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: cap) == .alreadySubscribed)
            #expect(try await store.activeTargets().map(\.id) == [targets[0].id])
            #expect(try await store.orphanedTargetIds() == [targets[1].id, targets[2].id])
        }
    }

    @Test("the cap holds, also for concurrent subscribes of one user", arguments: StoreBackend.all)
    func cap(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let targets = try await Self.seeded(store, targetCount: 8)
            let cap = SubscriptionCap(limit: 3)
            let results = try await withThrowingTaskGroup(of: SubscribeResult.self) { group in
                for target in targets { group.addTask { try await store.subscribe(chatId: 1, targetId: target.id, cap: cap) } }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(results.filter { $0 == .limitReached }.count == 5)
            #expect(try await store.subscriptions(chatId: 1).count == 3)
            #expect(try await store.subscribe(chatId: 2, targetId: targets[0].id, cap: SubscriptionCap(limit: 0)) == .limitReached)
        }
    }

    @Test(
        "filters: defaults first, a new subscription inherits the user's current ones, reset restores the defaults",
        arguments: StoreBackend.all)
    func filters(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let targets = try await Self.seeded(store)
            let cap = SubscriptionCap(limit: 10)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: cap)
            #expect(try await store.subscriptions(chatId: 1).map(\.filters) == [.defaults])
            #expect(try await store.updateFilters(chatId: 1, .days(7)) == 1)
            #expect(try await store.updateFilters(chatId: 1, .mode(.inPerson)) == 1)
            #expect(try await store.updateFilters(chatId: 1, .show) == 0)
            #expect(try await store.updateFilters(chatId: 2, .days(7)) == 0, "no subscriptions")
            _ = try await store.subscribe(chatId: 1, targetId: targets[1].id, cap: cap)
            let changed = WatchFilters.defaults.applying(.days(7)).applying(.mode(.inPerson))
            #expect(try await store.subscriptions(chatId: 1).map(\.filters) == [changed, changed])
            #expect(try await store.updateFilters(chatId: 1, .reset) == 2)
            #expect(try await store.subscriptions(chatId: 1).map(\.filters) == [.defaults, .defaults])
        }
    }

    @Test("one subscription's filters change alone; someone else's or a removed one is not found", arguments: StoreBackend.all)
    func perSubscriptionFilters(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let targets = try await Self.seeded(store)
            let cap = SubscriptionCap(limit: 10)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: cap)
            _ = try await store.subscribe(chatId: 1, targetId: targets[1].id, cap: cap)
            _ = try await store.subscribe(chatId: 2, targetId: targets[0].id, cap: cap)
            let mine = try await store.subscriptions(chatId: 1)
            let theirs = try #require(try await store.subscriptions(chatId: 2).first)
            let first = try #require(mine.first { $0.target.id == targets[0].id })
            let second = try #require(mine.first { $0.target.id == targets[1].id })

            let tuesdayEvenings = WatchFilters.defaults.applying(.weekdays(1 << 2)).applying(.hours(from: 18, to: 22))
            #expect(try await store.updateFilters(chatId: 1, subscriptionId: first.id, .weekdays(1 << 2)) != nil)
            #expect(try await store.updateFilters(chatId: 1, subscriptionId: first.id, .hours(from: 18, to: 22)) == tuesdayEvenings)
            #expect(try await store.updateFilters(chatId: 1, subscriptionId: first.id, .show) == tuesdayEvenings)
            let after = try await store.subscriptions(chatId: 1)
            #expect(after.first { $0.id == first.id }?.filters == tuesdayEvenings)
            #expect(after.first { $0.id == second.id }?.filters == .defaults, "the other subscription is untouched")
            #expect(try await store.subscriptions(chatId: 2).first?.filters == .defaults, "another user's is untouched")

            #expect(try await store.updateFilters(chatId: 1, subscriptionId: theirs.id, .days(7)) == nil)
            #expect(try await store.subscriptions(chatId: 2).first?.filters == .defaults)
            _ = try await store.unsubscribe(chatId: 1, subscriptionId: second.id)
            #expect(try await store.updateFilters(chatId: 1, subscriptionId: second.id, .days(7)) == nil)
            // A new subscription starts from the most recently changed one's filters.
            _ = try await store.subscribe(chatId: 1, targetId: targets[2].id, cap: cap)
            #expect(try await store.subscriptions(chatId: 1).first { $0.target.id == targets[2].id }?.filters == tuesdayEvenings)
        }
    }

    @Test("unsubscribing says whether it was the target's last subscription; someone else's id does nothing", arguments: StoreBackend.all)
    func unsubscribe(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, _ in
            let targets = try await Self.seeded(store)
            let cap = SubscriptionCap(limit: 10)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: cap)
            _ = try await store.subscribe(chatId: 2, targetId: targets[0].id, cap: cap)
            let mine = try #require(try await store.subscriptions(chatId: 1).first)
            let theirs = try #require(try await store.subscriptions(chatId: 2).first)
            #expect(try await store.unsubscribe(chatId: 1, subscriptionId: theirs.id) == nil)
            let first = try #require(try await store.unsubscribe(chatId: 1, subscriptionId: mine.id))
            #expect(first.target.id == targets[0].id && !first.lastForTarget)
            let last = try #require(try await store.unsubscribe(chatId: 2, subscriptionId: theirs.id))
            #expect(last.lastForTarget)
            #expect(try await store.activeTargets().isEmpty)
        }
    }

    @Test("the last check shows only slots still ahead of the store's clock", arguments: StoreBackend.all)
    func freeSlotsByClock(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, clock in
            let targets = try await Self.seeded(store)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: SubscriptionCap(limit: 10))
            let start = clock.now()
            let slots = [start.addingTimeInterval(3600), start.addingTimeInterval(7200)]
            try await store.recordCheck(
                TargetCheck(
                    targetId: targets[0].id, checkedAt: start.addingTimeInterval(-60), outcome: .ok, freeSlotCount: 5,
                    earliestSlots: slots, durationMs: 300))
            let before = try #require(try await store.subscriptions(chatId: 1).first)
            #expect(before.lastOutcome == .ok && before.lastCheckAt == start.addingTimeInterval(-60))
            #expect(before.freeSlots == slots && before.freeSlotCount == 5)
            clock.advance(by: 3601)
            let after = try #require(try await store.subscriptions(chatId: 1).first)
            #expect(after.freeSlots == [slots[1]] && after.freeSlotCount == 4)
        }
    }
}
