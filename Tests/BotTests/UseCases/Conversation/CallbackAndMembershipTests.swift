import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import StandIns
import TestSupport
import Testing

/// Every callback query is answered, even stale or malformed; `my_chat_member` blocks and unblocks.
@Suite("Conversation: callbacks and blocking", .enabled(if: BotHarness.isEnabled))
struct CallbackAndMembershipTests {
    @Test("every callback query gets exactly one answer: garbage, stale, without data, from strangers, on old messages")
    func everyCallbackAnswered() async throws {
        try await withBot { bot in
            let fa = BotText(.persian)
            try await bot.say(6001, "/start")
            let garbage = try await bot.tap(6001, "zzz:\u{202E}'; DROP TABLE users; --")
            #expect(garbage.answer == fa.expired && garbage.replies.isEmpty)
            #expect(try await bot.tap(6001, "pick:999999").answer == fa.expired)
            #expect(try await bot.tap(6001, "sub:not-a-number").answer == fa.expired)
            #expect(try await bot.tap(6001, "unsub:-1").answer == fa.expired)
            #expect(try await bot.tap(6001, "flt:days 500").answer == fa.expired)
            #expect(try await bot.tap(6001, "lang:xx").answer == fa.expired)
            #expect(try await bot.tap(6001, "").answer == fa.expired)
            // Somebody who never wrote to the bot (a forwarded keyboard): answered, not registered.
            #expect(try await bot.tap(6002, "stop:yes").answer == fa.expired)
            #expect(try await bot.count("SELECT count(*) FROM users WHERE chat_id = 6002") == 0)

            let answersBefore = await bot.answers().count
            try await bot.inject([
                // No data (a game button), an inline-mode message (no chat), an inaccessible old message.
                [
                    "callback_query": [
                        "id": "cb-no-data", "from": ["id": 6001, "is_bot": false, "first_name": "T"], "chat_instance": "1",
                    ]
                ],
                [
                    "callback_query": [
                        "id": "cb-inline", "from": ["id": 6001, "is_bot": false, "first_name": "T"], "chat_instance": "1",
                        "inline_message_id": "AAA", "data": "cancel",
                    ]
                ],
                [
                    "callback_query": [
                        "id": "cb-old", "from": ["id": 6001, "is_bot": false, "first_name": "T"], "chat_instance": "1",
                        "data": "cancel",
                        "message": ["message_id": 1, "date": 0, "chat": ["id": 6001, "type": "private"]],
                    ]
                ],
            ])
            try await bot.waitUntil("three more answers") { await bot.answers().count >= answersBefore + 3 }
            let log = await bot.answers()
            let ids = log.compactMap { $0.parameters["callback_query_id"]?.stringValue }
            #expect(Set(ids).count == ids.count, "each query answered once: \(ids)")
            #expect(ids.suffix(3).sorted() == ["cb-inline", "cb-no-data", "cb-old"])
            #expect(
                log.last { $0.parameters["callback_query_id"]?.stringValue == "cb-old" }?.parameters["text"]?.stringValue
                    == "لغو شد.")
            #expect(log.allSatisfy { $0.status == 200 }, "Telegram accepted every answer")
        }
    }

    @Test("a callback answer that fails once (5xx) is retried; a 400 (too old) is accepted as final")
    func answerRetries() async throws {
        try await withBot { bot in
            try await bot.say(6005, "/start")
            var configuration = await bot.telegram.configuration()
            configuration.faults = [TelegramStandInFault(method: "answerCallbackQuery", status: 502, count: 1)]
            await bot.telegram.configure(configuration)
            let first = try await bot.tap(6005, "cancel")
            #expect(first.answer == "لغو شد.")
            try await bot.waitUntil("the retried answer") { await bot.answers().count == 2 }
            let log = await bot.answers()
            #expect(log.map(\.status) == [502, 200])
            #expect(bot.logs.lines.allSatisfy { !$0.contains("update handling failed") })

            configuration.faults = [
                TelegramStandInFault(
                    method: "answerCallbackQuery", status: 400, description: "Bad Request: query is too old", count: 1)
            ]
            await bot.telegram.configure(configuration)
            _ = try await bot.tap(6005, "cancel")
            try await bot.expectReply(6005, "/help", BotText(.persian).help)  // handled after the tap: the tap is done
            #expect(await bot.answers().map(\.status) == [502, 200, 400])
            #expect(bot.logs.lines.allSatisfy { !$0.contains("update handling failed") })
        }
    }

    @Test("blocking the bot marks the user blocked and cancels orphaned watches; writing again brings everything back")
    func blockAndUnblock() async throws {
        try await withBot { bot in
            try await WatchTap.shared.start()
            let doctor = bot.registerDoctor()
            try await bot.subscribe(6003, to: doctor.url, choosing: "🏥 حضوری")
            _ = try await WatchTap.shared.waitForEvents(for: doctor.officeTargetId, count: 1)

            await bot.telegram.injectMyChatMember(chatID: 6003, status: "kicked")
            try await bot.waitUntil("the user is blocked") {
                try await bot.count("SELECT count(*) FROM users WHERE chat_id = 6003 AND status = 'blocked'") == 1
            }
            #expect(try await bot.count("SELECT count(*) FROM subscriptions WHERE chat_id = 6003 AND active") == 0)
            let cancelled = try await WatchTap.shared.waitForEvents(for: doctor.officeTargetId, count: 2)
            #expect(cancelled.map(\.schema) == ["watch.requested", "watch.cancelled"])
            #expect(await bot.sent(to: 6003).count == 3, "no message to a user who blocked the bot")

            // They come back and write: active again, subscription active, the target requested again.
            let status = try #require(await bot.say(6003, "/status").first).text
            #expect(status.contains("🏥 حضوری · مطب تهران · ویزیت حضوری"))
            #expect(try await bot.count("SELECT count(*) FROM users WHERE chat_id = 6003 AND status = 'active'") == 1)
            #expect(try await bot.count("SELECT count(*) FROM subscriptions WHERE chat_id = 6003 AND active") == 1)
            let requested = try await WatchTap.shared.waitForEvents(for: doctor.officeTargetId, count: 3)
            #expect(requested.map(\.schema) == ["watch.requested", "watch.cancelled", "watch.requested"])

            // A membership change in a group concerns nobody's data.
            await bot.telegram.injectMyChatMember(chatID: -6004, status: "left")
            try await bot.expectReply(6003, "/help", BotText(.persian).help)
            #expect(try await bot.count("SELECT count(*) FROM users") == 1)
        }
    }
}
