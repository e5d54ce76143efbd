import Foundation
import Testing

@testable import NotifierCore

/// The pacer's arithmetic, with synthetic instants: global spacing, per-chat spacing, 429 pauses
/// and the split of the global rate between replicas.
@Suite("SendPacer")
struct SendPacerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Reserves sends for `chats` in order, each asked at `t0`, retrying a refused chat at its
    /// `notBefore`; returns the granted instants.
    func schedule(_ pacer: SendPacer, chats: [Int64]) async -> [Date] {
        var granted: [Date] = []
        for chat in chats {
            var asked = t0
            while true {
                let decision = await pacer.reserve(chatId: chat, now: asked)
                if let slot = decision.slot {
                    granted.append(slot)
                    break
                }
                asked = decision.notBefore
            }
        }
        return granted
    }

    @Test("sends are spaced evenly at the global rate with headroom: never more than the rate in any second")
    func globalSpacing() async {
        let pacer = SendPacer(globalRate: 30, perChatInterval: 1)
        let slots = await schedule(pacer, chats: (1...90).map(Int64.init))
        for (index, slot) in slots.enumerated() where index >= 30 {
            #expect(slot.timeIntervalSince(slots[index - 30]) >= 1.0, "31 sends within a second at \(index)")
        }
        let rate = Double(slots.count - 1) / slots.last!.timeIntervalSince(slots.first!)
        #expect(rate > 0.95 * 30 && rate <= 30, "rate \(rate)")
    }

    @Test("one chat gets at most one message per interval (plus margin), without holding up other chats")
    func perChatSpacing() async {
        let pacer = SendPacer(globalRate: 30, perChatInterval: 1)
        let aFirst = await pacer.reserve(chatId: 1, now: t0)
        #expect(aFirst.slot == t0)
        let aSecond = await pacer.reserve(chatId: 1, now: t0)
        #expect(aSecond.slot == nil)
        #expect(aSecond.notBefore.timeIntervalSince(t0) >= 1.0)
        // Chat 2 is not delayed by chat 1's wait: it goes at the next global slot.
        let b = await pacer.reserve(chatId: 2, now: t0)
        #expect(b.notBefore.timeIntervalSince(t0) < 0.05)
        let bLater = await pacer.reserve(chatId: 2, now: b.notBefore)
        #expect(bLater.slot == b.notBefore)
    }

    @Test("after a 429 nobody is scheduled before retry_after has passed")
    func pauseAfter429() async {
        let pacer = SendPacer(globalRate: 30, perChatInterval: 1)
        await pacer.pause(for: 3)
        let now = Date()
        let decision = await pacer.reserve(chatId: 9, now: now)
        #expect(decision.slot == nil)
        #expect(decision.notBefore.timeIntervalSince(now) > 2.9)
    }

    @Test("each replica sends at the global rate × its partitions ÷ all partitions")
    func rateSplitByPartitions() async {
        #expect(SendPacer.share(assigned: 3, total: 6) == 0.5)
        #expect(SendPacer.share(assigned: 6, total: 6) == 1)
        #expect(SendPacer.share(assigned: 0, total: 6) == 1.0 / 6, "a replica finishing a revoked batch keeps one partition's worth")
        let pacer = SendPacer(globalRate: 30, perChatInterval: 0)
        #expect(await pacer.setShare(assigned: 2, total: 6) == 10)
        let slots = await schedule(pacer, chats: (1...31).map(Int64.init))
        let rate = 30 / slots.last!.timeIntervalSince(slots.first!)
        #expect(rate <= 10 && rate > 9.5, "rate \(rate)")
        // Three replicas with two partitions each: together at most the global rate.
        let replicas = [SendPacer(globalRate: 30, perChatInterval: 0), SendPacer(globalRate: 30, perChatInterval: 0), SendPacer(globalRate: 30, perChatInterval: 0)]
        var total = 0.0
        for replica in replicas { total += await replica.setShare(assigned: 2, total: 6) }
        #expect(total == 30)
    }
}
