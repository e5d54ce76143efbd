import Foundation
import Testing

@testable import NotifierDomain

/// The pacer's arithmetic, with synthetic instants: global spacing, the one-second window anchored
/// on answers, per-chat spacing, 429 pauses and the split of the global rate between replicas.
@Suite("SendPacer")
struct SendPacerTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    /// Sends to `chats` in order, each asked at `t0` and retried at its `notBefore`; every answer
    /// comes back `roundTrip` after its start. Returns the start instants.
    func schedule(_ pacer: SendPacer, chats: [Int64], roundTrip: TimeInterval = 0.005) async -> [Date] {
        var granted: [Date] = []
        for chat in chats {
            var asked = t0
            while true {
                let decision = await pacer.reserve(chatId: chat, now: asked)
                if let ticket = decision.ticket {
                    granted.append(asked)
                    await pacer.complete(ticket, now: asked.addingTimeInterval(roundTrip))
                    break
                }
                asked = decision.notBefore
            }
        }
        return granted
    }

    @Test("never more than the rate in one second, even counting from the answers; close to the rate overall")
    func globalWindow() async {
        let pacer = SendPacer(globalRate: 30, perChatInterval: 1)
        let starts = await schedule(pacer, chats: (1...120).map(Int64.init), roundTrip: 0.02)
        for (index, start) in starts.enumerated() where index >= 30 {
            // The send 30 before answered 20 ms after its start: this one starts a second after that.
            #expect(start.timeIntervalSince(starts[index - 30]) >= 1.02, "31 sends within a second at \(index)")
        }
        let rate = Double(starts.count - 1) / starts.last!.timeIntervalSince(starts.first!)
        #expect(rate > 0.95 * 30 && rate <= 30, "rate \(rate)")
    }

    @Test("an answer still outstanding counts from its start plus the anchor limit")
    func outstandingAnswer() async throws {
        let pacer = SendPacer(globalRate: 2, perChatInterval: 0)
        let first = try #require(await pacer.reserve(chatId: 1, now: t0).ticket)
        let secondAt = t0.addingTimeInterval(0.6)
        let second = try #require(await pacer.reserve(chatId: 2, now: secondAt).ticket)
        await pacer.complete(second, now: secondAt.addingTimeInterval(0.01))
        // The first send hangs: the third may go one second after t0 + 0.25, not after t0.
        let third = await pacer.reserve(chatId: 3, now: t0.addingTimeInterval(1.1))
        #expect(third.ticket == nil)
        #expect(abs(third.notBefore.timeIntervalSince(t0) - 1.255) < 0.001)
        _ = first
    }

    @Test("one chat gets at most one message per interval after the previous answer, without holding up other chats")
    func perChatSpacing() async throws {
        let pacer = SendPacer(globalRate: 30, perChatInterval: 1)
        let first = try #require(await pacer.reserve(chatId: 1, now: t0).ticket)
        await pacer.complete(first, now: t0.addingTimeInterval(0.003))
        let again = await pacer.reserve(chatId: 1, now: t0.addingTimeInterval(0.01))
        #expect(again.ticket == nil)
        #expect(again.notBefore.timeIntervalSince(t0) >= 1.003)
        // Chat 2 is not delayed by chat 1's wait: it goes at the next global slot.
        let other = await pacer.reserve(chatId: 2, now: t0.addingTimeInterval(0.01))
        #expect(other.notBefore.timeIntervalSince(t0) < 0.05)
        let later = await pacer.reserve(chatId: 2, now: other.notBefore)
        #expect(later.ticket != nil)
    }

    @Test("a send that waited for its chat's turn counts in the window from its real start")
    func restartedSend() async throws {
        let pacer = SendPacer(globalRate: 2, perChatInterval: 0)
        let first = try #require(await pacer.reserve(chatId: 1, now: t0).ticket)
        // It waits 0.8 s for its chat's turn (shared with the bot), then is sent and hangs.
        await pacer.restart(first, now: t0.addingTimeInterval(0.8))
        // The next global slot is one spacing (0.505 s) after the real start.
        #expect(await pacer.reserve(chatId: 2, now: t0.addingTimeInterval(0.9)).ticket == nil)
        let secondAt = t0.addingTimeInterval(1.31)
        let second = try #require(await pacer.reserve(chatId: 2, now: secondAt).ticket)
        await pacer.complete(second, now: secondAt.addingTimeInterval(0.01))
        // Without the restart the third could go at t0 + 1.255; from the real start it waits for
        // t0 + 0.8 + 0.25 + 1.
        let third = await pacer.reserve(chatId: 3, now: t0.addingTimeInterval(1.9))
        #expect(third.ticket == nil)
        #expect(abs(third.notBefore.timeIntervalSince(t0) - 2.055) < 0.001, "\(third.notBefore.timeIntervalSince(t0))")
    }

    @Test("after a 429 nobody is scheduled before retry_after has passed")
    func pauseAfter429() async {
        let pacer = SendPacer(globalRate: 30, perChatInterval: 1)
        await pacer.pause(for: 3)
        let now = Date()
        let decision = await pacer.reserve(chatId: 9, now: now)
        #expect(decision.ticket == nil)
        #expect(decision.notBefore.timeIntervalSince(now) > 2.9)
    }

    @Test("each replica sends at the global rate × its partitions ÷ all partitions")
    func rateSplitByPartitions() async {
        #expect(SendPacer.share(assigned: 3, total: 6) == 0.5)
        #expect(SendPacer.share(assigned: 6, total: 6) == 1)
        #expect(SendPacer.share(assigned: 0, total: 6) == 1.0 / 6, "a replica finishing a revoked batch keeps one partition's worth")
        let pacer = SendPacer(globalRate: 30, perChatInterval: 0)
        #expect(await pacer.setShare(assigned: 2, total: 6) == 10)
        let starts = await schedule(pacer, chats: (1...31).map(Int64.init))
        let rate = 30 / starts.last!.timeIntervalSince(starts.first!)
        #expect(rate <= 10 && rate > 9.5, "rate \(rate)")
        // Three replicas with two partitions each: together at most the global rate.
        var total = 0.0
        for _ in 0..<3 { total += await SendPacer(globalRate: 30, perChatInterval: 0).setShare(assigned: 2, total: 6) }
        #expect(total == 30)
    }
}
