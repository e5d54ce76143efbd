import BotDomain
import Testing

@Suite("SubscriptionCap")
struct SubscriptionCapTests {
    @Test("below the limit subscribes, at it refuses, an active one is already subscribed whatever the count")
    func decide() {
        let cap = SubscriptionCap(limit: 2)
        #expect(cap.decide(alreadyActive: false, activeCount: 0) == .subscribe)
        #expect(cap.decide(alreadyActive: false, activeCount: 1) == .subscribe)
        #expect(cap.decide(alreadyActive: false, activeCount: 2) == .limitReached)
        #expect(cap.decide(alreadyActive: true, activeCount: 2) == .alreadySubscribed)
        #expect(SubscriptionCap(limit: -3).decide(alreadyActive: false, activeCount: 0) == .limitReached)
    }
}
