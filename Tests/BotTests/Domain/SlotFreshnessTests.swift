import BotDomain
import Foundation
import Testing

/// The "still free?" decision from stored facts alone.
@Suite("SlotFreshness")
struct SlotFreshnessTests {
    let now = Date(timeIntervalSince1970: 1_791_280_000)
    let stale: TimeInterval = 1800

    func slot(
        startsIn: TimeInterval = 7200, day: Bool = false, observed: TimeInterval = -600, gone: TimeInterval? = nil,
        checked: TimeInterval? = nil, success: TimeInterval? = nil
    ) -> NoticeSlot {
        NoticeSlot(
            targetId: "t", start: now + startsIn, end: now + startsIn + (day ? 86_400 : 600), isDay: day, observedAt: now + observed,
            goneAt: gone.map { now + $0 }, lastCheckAt: checked.map { now + $0 }, lastSuccessAt: success.map { now + $0 })
    }

    @Test("a gone episode is taken, noticed when the scraper first missed it, even once the slot has passed")
    func taken() {
        #expect(
            SlotFreshness.decide(slot(gone: -60, checked: -30, success: -30), now: now, staleAfter: stale) == .taken(noticedAt: now - 60))
        #expect(SlotFreshness.decide(slot(startsIn: -60, gone: -120), now: now, staleAfter: stale) == .taken(noticedAt: now - 120))
    }

    @Test("a timed slot that started has passed; a free day only once it ended")
    func passed() {
        #expect(SlotFreshness.decide(slot(startsIn: -1, checked: -10, success: -10), now: now, staleAfter: stale) == .passed)
        #expect(SlotFreshness.decide(slot(startsIn: 0), now: now, staleAfter: stale) == .passed)
        #expect(
            SlotFreshness.decide(slot(startsIn: -3600, day: true, checked: -10, success: -10), now: now, staleAfter: stale)
                == .free(checkedAt: now - 10))
    }

    @Test("free at the last successful poll after the observation, while it is recent")
    func free() {
        #expect(SlotFreshness.decide(slot(checked: -30, success: -30), now: now, staleAfter: stale) == .free(checkedAt: now - 30))
        // No poll recorded after the one that found it: free as observed.
        #expect(
            SlotFreshness.decide(slot(observed: -100, checked: -900, success: -900), now: now, staleAfter: stale)
                == .free(checkedAt: now - 100))
        #expect(SlotFreshness.decide(slot(observed: -100), now: now, staleAfter: stale) == .free(checkedAt: now - 100))
    }

    @Test("unknown since the last good poll when a later poll failed, or when that is older than the bound")
    func unknown() {
        #expect(SlotFreshness.decide(slot(checked: -20, success: -300), now: now, staleAfter: stale) == .unknown(since: now - 300))
        #expect(SlotFreshness.decide(slot(observed: -100, checked: -20), now: now, staleAfter: stale) == .unknown(since: now - 100))
        #expect(
            SlotFreshness.decide(slot(observed: -4000, checked: -1801, success: -1801), now: now, staleAfter: stale)
                == .unknown(since: now - 1801))
        #expect(
            SlotFreshness.decide(slot(observed: -4000, checked: -1800, success: -1800), now: now, staleAfter: stale)
                == .free(checkedAt: now - 1800), "the bound itself is still fresh")
    }
}
