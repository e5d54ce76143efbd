import BotAdapters
import BotApp
import BotDomain
import Foundation
import Testing

/// `#expect` cannot call a mutating method itself.
private func allow(_ guardian: inout FloodGuard, _ chat: Int64, _ now: Date) -> Bool {
    guardian.allow(chatId: chat, now: now)
}

@Suite("FloodGuard")
struct FloodGuardTests {
    let start = Date(timeIntervalSince1970: 1_790_000_000)

    @Test("a burst is allowed, then refused until the bucket refills")
    func burstThenRefill() {
        var guardian = FloodGuard(burst: 3, perMinute: 6)
        #expect((0..<3).allSatisfy { _ in allow(&guardian, 1, start) })
        #expect(!allow(&guardian, 1, start))
        #expect(!allow(&guardian, 1, start.addingTimeInterval(9)))  // 0.9 of a token
        #expect(allow(&guardian, 1, start.addingTimeInterval(11)))
        #expect(!allow(&guardian, 1, start.addingTimeInterval(11)))
        // Long idle refills to the burst, not beyond.
        let later = start.addingTimeInterval(3600)
        #expect((0..<3).allSatisfy { _ in allow(&guardian, 1, later) })
        #expect(!allow(&guardian, 1, later))
    }

    @Test("chats are independent")
    func perChat() {
        var guardian = FloodGuard(burst: 1, perMinute: 1)
        #expect(allow(&guardian, 1, start))
        #expect(!allow(&guardian, 1, start))
        #expect(allow(&guardian, 2, start))
    }

    @Test("a clock going backwards neither refills nor crashes")
    func clockBackwards() {
        var guardian = FloodGuard(burst: 1, perMinute: 60)
        #expect(allow(&guardian, 1, start))
        #expect(!allow(&guardian, 1, start.addingTimeInterval(-3600)))
    }

    @Test("memory is bounded: idle chats are forgotten, busy ones kept")
    func bounded() {
        var guardian = FloodGuard(burst: 2, perMinute: 60, maxTracked: 100)
        _ = allow(&guardian, -1, start)
        _ = allow(&guardian, -1, start)  // busy: bucket empty
        for chat in 0..<99 { _ = allow(&guardian, Int64(chat), start) }
        #expect(guardian.trackedCount == 100)
        // 1.5 s later the others have refilled (a token a second) and are forgotten; -1 has not and is kept.
        let later = start.addingTimeInterval(1.5)
        _ = allow(&guardian, 1000, later)
        #expect(guardian.trackedCount == 2)
        #expect(allow(&guardian, -1, later))  // 1.5 tokens
        #expect(!allow(&guardian, -1, later))  // 0.5 left: its state survived
    }
}
