import Foundation
import NotifierDomain
import Testing

/// The per-user limit's decision, without any store.
@Suite("PerUserLimit")
struct PerUserLimitTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func candidate(chat: Int64, doctor: String, fresh: [Int] = [], reclaimed: [Int] = []) -> ClaimCandidate {
        let slot = { (minutes: Int) in
            SlotPeriod(start: now + TimeInterval(3600 + minutes * 60), end: now + TimeInterval(4200 + minutes * 60))
        }
        let notice = Notice(
            chatId: chat, language: .english, targetId: "t-\(doctor)", doctor: Doctor(slug: doctor, displayName: doctor, specialty: nil),
            center: Center(name: "c", isOnline: false), bookingURL: "u", slots: (fresh + reclaimed).map(slot), observedAt: now)
        var states: [LedgerKey: LedgerSlotState] = [:]
        for minutes in fresh { states[LedgerKey(chatId: chat, targetId: notice.targetId, start: slot(minutes).start)] = .fresh }
        for minutes in reclaimed { states[LedgerKey(chatId: chat, targetId: notice.targetId, start: slot(minutes).start)] = .reclaimed }
        return ClaimCandidate(notice: notice, states: states)!
    }

    @Test("one token per notice with fresh slots, earliest slot first; the rest is suppressed")
    func earliestFirst() {
        let limit = PerUserLimit.perDay(10, burst: 1)
        let late = candidate(chat: 1, doctor: "a", fresh: [30])
        let early = candidate(chat: 1, doctor: "a", fresh: [0])
        let key = BucketKey(chatId: 1, doctorSlug: "a")
        #expect(limit.bucketKeys(for: [late, early]) == [key])
        let decision = limit.decide([late, early], states: [key: limit.initialState(now: now)], now: now)
        #expect(decision.result.toSend == [early.notice])
        #expect(decision.result.suppressed == [late.notice])
        #expect(decision.states[key] == BucketState(tokens: 0, updatedAt: now))
    }

    @Test("re-claimed slots already paid: they go without a token, fresh ones of the same notice are suppressed")
    func reclaimedNeverPay() {
        let limit = PerUserLimit.perDay(10, burst: 1)
        let key = BucketKey(chatId: 1, doctorSlug: "a")
        let mixed = candidate(chat: 1, doctor: "a", fresh: [10], reclaimed: [0])
        let decision = limit.decide([mixed], states: [key: BucketState(tokens: 0, updatedAt: now)], now: now)
        #expect(decision.result.toSend.map { $0.slots.map(\.start) } == [[mixed.reclaimed[0].start]])
        #expect(decision.result.suppressed.map { $0.slots.map(\.start) } == [[mixed.fresh[0].start]])
        let onlyReclaimed = candidate(chat: 2, doctor: "a", reclaimed: [0])
        #expect(limit.bucketKeys(for: [onlyReclaimed]).isEmpty)
        #expect(limit.decide([onlyReclaimed], states: [:], now: now).result.toSend == [onlyReclaimed.notice])
    }

    @Test("buckets refill with time up to the burst, and a bucket the store did not load grants nothing")
    func refill() {
        let limit = PerUserLimit.perDay(24, burst: 2)  // one token an hour
        let key = BucketKey(chatId: 1, doctorSlug: "a")
        let empty = BucketState(tokens: 0, updatedAt: now)
        let notice = candidate(chat: 1, doctor: "a", fresh: [0])
        #expect(limit.decide([notice], states: [key: empty], now: now + 1800).result.toSend.isEmpty)
        let later = limit.decide([notice], states: [key: empty], now: now + 3600)
        #expect(later.result.toSend == [notice.notice])
        #expect(abs((later.states[key]?.tokens ?? -1) - 0) < 1e-9)
        let capped = limit.decide([notice], states: [key: empty], now: now + 86_400)
        #expect(capped.states[key]?.tokens == 1, "refilled to the burst of 2, minus the one taken")
        #expect(limit.decide([notice], states: [:], now: now).result.suppressed == [notice.notice])
    }
}
