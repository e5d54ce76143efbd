import BotDomain
import BotTestSupport
import Foundation
import Localization
import Testing

/// A notice's "🔄 still free?" button pressed in the chat: answered in a dialog from the ledger and
/// the recorded checks, one line per slot of that message.
@Suite("Conversation: the 'still free?' button")
struct StillFreeButtonTests {
    /// Seeds a two-slot notice sent to `chat` as message `messageId`: the first slot still listed by
    /// the last poll, the second taken since.
    func seedNotice(_ rig: ConversationRig, chat: Int64, messageId: Int64?) async -> (first: Date, second: Date) {
        let now = rig.clock.now()
        let target = rig.targets[0].id
        let first = now + 7200, second = now + 9000
        let gone = UUID()
        await rig.notices.record(
            .init(
                chatId: chat, targetId: target, start: first, end: first + 600, episode: UUID(), observedAt: now - 600, messageId: messageId
            ))
        await rig.notices.record(
            .init(
                chatId: chat, targetId: target, start: second, end: second + 600, episode: gone, observedAt: now - 600, messageId: messageId
            ))
        await rig.notices.recordGone(targetId: target, start: second, episode: gone, firstMissedAt: now - 120)
        await rig.notices.recordCheck(
            TargetCheck(targetId: target, checkedAt: now - 60, outcome: .ok, freeSlotCount: 1, earliestSlots: [first], durationMs: 5))
        return (first, second)
    }

    static func data(_ start: Date) -> String { "still:\(Int64((start.timeIntervalSince1970 * 1000).rounded()))" }

    @Test("pressed on the notice: a dialog, one line per slot (free at the last check / taken), Tehran times in Persian digits")
    func answered() async throws {
        let rig = ConversationRig()
        try await rig.say(7001, "/start")
        let slots = await seedNotice(rig, chat: 7001, messageId: 555)
        let sentBefore = await rig.messenger.sent.count
        try await rig.tap(7001, Self.data(slots.first), id: "q1", messageId: 555)
        let answer = try #require(await rig.messenger.answers.last)
        #expect(answer.id == "q1" && answer.showAlert)
        let text = try #require(answer.text)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.count == 2, "\(text)")
        // Clock 15:30 Tehran: the last poll at 15:29, the second slot missed at 15:28.
        #expect(lines[0].hasSuffix("✅ در آخرین بررسی (۱۵:۲۹) آزاد بود"), "\(text)")
        #expect(lines[0].hasPrefix("۱۴ مهر ۱۷:۳۰"), "\(text)")
        #expect(lines[1].hasSuffix("❌ گرفته شد (دیده‌شده ۱۵:۲۸)"), "\(text)")
        #expect(text.utf16.count <= BotText.maxCallbackAnswerLength)
        #expect(await rig.messenger.sent.count == sentBefore, "answered in the dialog, no new message")

        // Later, with no poll since: unknown since the last good one.
        rig.clock.advance(by: 3600)
        try await rig.tap(7001, Self.data(slots.first), id: "q2", messageId: 555)
        let later = try #require(await rig.messenger.answers.last?.text)
        #expect(later.contains("❔ نامعلوم از ۱۵:۲۹"), "\(later)")
    }

    @Test("not yet recorded sent: found by the slot the button names")
    func fallbackBySlot() async throws {
        let rig = ConversationRig()
        try await rig.say(7002, "/start")
        let slots = await seedNotice(rig, chat: 7002, messageId: nil)
        try await rig.tap(7002, Self.data(slots.first), messageId: 99)
        let text = try #require(await rig.messenger.answers.last?.text)
        #expect(text.contains("✅") && !text.contains("❌"), "only the slot the button names: \(text)")
    }

    @Test("another chat's notice, or an unknown one, is answered like any stale button")
    func foreignOrUnknown() async throws {
        let rig = ConversationRig()
        try await rig.say(7003, "/start")
        try await rig.say(7004, "/start")
        let slots = await seedNotice(rig, chat: 7003, messageId: 555)
        try await rig.tap(7004, Self.data(slots.first), messageId: 555)
        var answer = try #require(await rig.messenger.answers.last)
        #expect(answer.text == BotText(.persian).expired && !answer.showAlert)
        try await rig.tap(7003, Self.data(slots.first + 1), messageId: 556)
        answer = try #require(await rig.messenger.answers.last)
        #expect(answer.text == BotText(.persian).expired)
    }
}

/// The dialog text of "still free?".
@Suite("BotText: still free")
struct BotTextStillFreeTests {
    let now = Date(timeIntervalSince1970: 1_791_288_000)

    @Test("English fallback, each state; many slots are cut with an ellipsis within 200 characters")
    func englishAndTruncation() {
        let text = BotText(.english)
        let slot = NoticeSlot(targetId: "t", start: now + 7200, end: now + 7800, observedAt: now - 60)
        #expect(text.stateText(.free(checkedAt: now - 60), now: now) == "✅ still free at the last check, 15:29")
        #expect(text.stateText(.taken(noticedAt: now - 120), now: now) == "❌ taken (noticed 15:28)")
        #expect(text.stateText(.passed, now: now) == "⌛ passed")
        #expect(text.stateText(.unknown(since: now - 86_400), now: now).hasPrefix("❔ unknown since 13 Mehr"))
        let many = (0..<12).map {
            (NoticeSlot(targetId: "t", start: now + Double($0) * 600, end: now + 600, observedAt: now), SlotFreshness.free(checkedAt: now))
        }
        for language in Language.allCases {
            let answer = BotText(language).stillFree(many, now: now)
            #expect(answer.utf16.count <= BotText.maxCallbackAnswerLength, "\(answer)")
            #expect(answer.hasSuffix("…"), "\(answer)")
        }
        #expect(BotText(.english).stillFree([(slot, .passed)], now: now) == "14 Mehr 17:30: ⌛ passed")
        #expect(BotText(.english).stillFree([], now: now) == BotText(.english).expired)
    }
}
