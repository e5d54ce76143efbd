import BotDomain
import BotTestSupport
import Foundation
import Testing

/// `CheckStore`: the in-memory store and PostgreSQL behave the same.
@Suite("CheckStore contract")
struct CheckStoreContractTests {
    @Test(
        "an older check changes nothing; a failed one keeps the last good slots; an unknown target is dropped", arguments: StoreBackend.all)
    func ordering(_ backend: StoreBackend) async throws {
        try await backend.withStore { store, clock in
            let targets = try await SubscriptionStoreContractTests.seeded(store)
            _ = try await store.subscribe(chatId: 1, targetId: targets[0].id, cap: SubscriptionCap(limit: 10))
            let now = clock.now()
            let slot = now.addingTimeInterval(86_400)
            func check(_ at: TimeInterval, _ outcome: CheckOutcome, slots: [Date], count: Int) -> TargetCheck {
                TargetCheck(
                    targetId: targets[0].id, checkedAt: now.addingTimeInterval(at), outcome: outcome,
                    errorKind: outcome == .error ? "timeout" : nil, freeSlotCount: count, earliestSlots: slots, durationMs: 10)
            }
            try await store.recordCheck(check(-100, .ok, slots: [slot], count: 1))
            try await store.recordCheck(check(-200, .noSlots, slots: [], count: 0))
            var view = try #require(try await store.subscriptions(chatId: 1).first)
            #expect(view.lastOutcome == .ok && view.freeSlots == [slot])

            try await store.recordCheck(check(-50, .error, slots: [], count: 0))
            view = try #require(try await store.subscriptions(chatId: 1).first)
            #expect(view.lastOutcome == .error && view.lastCheckAt == now.addingTimeInterval(-50))
            #expect(view.freeSlots == [slot], "a failed poll keeps the last good list")

            try await store.recordCheck(
                TargetCheck(
                    targetId: "no-such-target", checkedAt: now, outcome: .ok, freeSlotCount: 1, earliestSlots: [slot], durationMs: 1))
        }
    }
}
