import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import Messaging
import TestSupport
import Testing

/// `/stop` (delete everything after confirmation) and `/stats` (admins only).
@Suite("Conversation: /stop and /stats", .enabled(if: BotHarness.isEnabled))
struct PrivacyConversationTests {
    @Test("/stop asks first; cancel keeps everything; confirm deletes the user and cancels orphaned watches only")
    func stop() async throws {
        try await withBot { bot in
            try await WatchTap.shared.start()
            let doctor = bot.registerDoctor()
            let onlineTarget = try #require(doctor.onlineTargetId)
            try await bot.subscribe(4001, to: doctor.url, choosing: "🏥 حضوری")
            try await bot.subscribe(4001, to: doctor.url, choosing: "🌐 آنلاین")
            try await bot.subscribe(4002, to: doctor.url, choosing: "🏥 حضوری")

            let ask = try #require(await bot.say(4001, "/stop").first)
            #expect(ask.text == "همهٔ اطلاعات شما (اشتراک‌ها، تنظیمات و سابقهٔ اعلان‌ها) پاک می‌شود. مطمئن هستید؟")
            #expect(ask.allButtons.map(\.data) == ["stop:yes", "cancel"])
            #expect(ask.allButtons.map(\.label) == ["🗑 بله، همه را پاک کن", "❌ انصراف"])
            let cancelled = try await bot.tap(4001, "cancel")
            #expect(cancelled.answer == "لغو شد.")
            #expect(cancelled.replies.isEmpty)
            #expect(try await bot.count("SELECT count(*) FROM subscriptions WHERE chat_id = 4001") == 2)

            _ = try await bot.say(4001, "/stop")
            let confirmed = try await bot.tap(4001, "stop:yes")
            #expect(confirmed.replies.map(\.text) == ["همهٔ اطلاعات شما پاک شد. هر وقت خواستید با /start برگردید."])
            #expect(try await bot.count("SELECT count(*) FROM users WHERE chat_id = 4001") == 0)
            #expect(try await bot.count("SELECT count(*) FROM subscriptions WHERE chat_id = 4001") == 0)
            #expect(try await bot.count("SELECT count(*) FROM subscriptions WHERE chat_id = 4002") == 1)

            let online = try await WatchTap.shared.waitForEvents(for: onlineTarget, count: 2)
            #expect(online.map(\.schema) == ["watch.requested", "watch.cancelled"])
            #expect(try await WatchTap.shared.settledEvents(for: doctor.officeTargetId).map(\.schema) == ["watch.requested"])

            // An old button after /stop does not bring the user back.
            let stale = try await bot.tap(4001, "stop:yes")
            #expect(stale.answer == BotText(.persian).expired && stale.replies.isEmpty)
            #expect(try await bot.count("SELECT count(*) FROM users WHERE chat_id = 4001") == 0)
            // Writing again does.
            try await bot.expectReply(4001, "/start", BotText(.persian).welcome)
            #expect(try await bot.count("SELECT count(*) FROM users WHERE chat_id = 4001") == 1)
        }
    }

    @Test("/stats answers admins with counts in Persian digits; anyone else gets the unknown-command reply")
    func stats() async throws {
        try await withBot(adminChatIds: [4010]) { bot in
            let doctor = bot.registerDoctor()
            try await bot.subscribe(4011, to: doctor.url, choosing: "🏥 حضوری")
            try await bot.say(4012, "/pause")
            try await bot.expectReply(4012, "/stats", "این دستور را نمی‌شناسم. برای دیدن دستورها /help را بفرستید.")
            try await bot.expectReply(4011, "/stats@\(botTestUsername)", BotText(.persian).unknownCommand)
            try await bot.expectReply(
                4010, "/stats", "📊 کاربران: ۳ (فعال ۲)\nاشتراک فعال: ۱\nاهداف تحت نظر: ۱\nاعلان امروز: ۰")
            try await bot.expectReply(
                4010, "/stats", languageCode: "en", "📊 کاربران: ۳ (فعال ۲)\nاشتراک فعال: ۱\nاهداف تحت نظر: ۱\nاعلان امروز: ۰")
        }
    }
}
