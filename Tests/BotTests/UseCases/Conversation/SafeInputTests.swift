import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import StandIns
import TestSupport
import Testing

/// Anything a user sends gets a clear reply (or, in groups, none unless addressed): free text,
/// unknown commands, stickers, photos, edits, texts over 4,096 characters, floods, SQL-looking input.
@Suite("Conversation: safe handling of anything a user sends", .enabled(if: BotHarness.isEnabled))
struct SafeInputTests {
    @Test("free text, unknown commands, too long, exactly at the limit")
    func textReplies() async throws {
        try await withBot { bot in
            let fa = BotText(.persian)
            try await bot.expectReply(5001, "سلام، نوبت می‌خواهم", fa.freeText)
            try await bot.expectReply(5001, "/foo bar", "این دستور را نمی‌شناسم. برای دیدن دستورها /help را بفرستید.")
            try await bot.expectReply(5001, "/", fa.freeText)
            try await bot.expectReply(
                5001, String(repeating: "ن", count: 4097), "پیام خیلی طولانی است (بیش از ۴۰۹۶ نویسه). لطفاً کوتاه‌تر بفرستید.")
            try await bot.expectReply(5001, "/subscribe " + String(repeating: "x", count: 5000), fa.tooLong)
            try await bot.expectReply(5001, String(repeating: "a", count: 4096), fa.freeText)
            try await bot.expectReply(5001, "hello", languageCode: "en", fa.freeText)  // the stored language wins
            try await bot.expectReply(5002, "hello", languageCode: "en", BotText(.english).freeText)
        }
    }

    @Test("stickers, photos and edited messages get a reply that says what to do")
    func nonTextAndEdits() async throws {
        try await withBot { bot in
            let fa = BotText(.persian)
            let sticker = try await bot.send([["chat_id": 5003, "sticker": true]], expecting: 1, in: 5003)
            #expect(sticker.map(\.text) == ["فقط پیام متنی را می‌فهمم. راهنما: /help"])
            let photo = try await bot.send(
                [["chat_id": 5003, "photo": true, "text": "/subscribe caption"]], expecting: 1, in: 5003)
            #expect(photo.map(\.text) == [fa.nonText])
            let edited: TelegramJSON = [
                "edited_message": [
                    "message_id": 7, "date": 1_790_000_000, "edit_date": 1_790_000_060,
                    "chat": ["id": 5003, "type": "private", "first_name": "Test"],
                    "from": ["id": 5003, "is_bot": false, "first_name": "Test", "language_code": "fa"],
                    "text": "/stop", "entities": [["type": "bot_command", "offset": 0, "length": 5]],
                ]
            ]
            let replies = try await bot.send([edited], expecting: 1, in: 5003)
            #expect(replies.map(\.text) == ["پیام ویرایش‌شده را اجرا نمی‌کنم؛ لطفاً دستور را دوباره بفرستید."])
            #expect(replies.first?.buttons.isEmpty == true, "an edited /stop must not ask to delete anything")
        }
    }

    @Test("in groups the bot answers commands with how to use it in private, and ignores chatter")
    func groups() async throws {
        try await withBot { bot in
            let group: Int64 = -5004
            let supergroup: Int64 = -1_000_000_005_004
            let help = "من فقط در گفتگوی خصوصی کار می‌کنم. لطفاً روی نام من بزنید و در گفتگوی خصوصی /start را بفرستید."
            let first = try await bot.send(
                [["chat_id": .int(group), "user_id": 5004, "text": "/start"]], expecting: 1, in: group)
            #expect(first.map(\.text) == [help])
            let second = try await bot.send(
                [
                    [
                        "chat_id": .int(supergroup), "user_id": 5004, "text": .string("/subscribe@\(botTestUsername) x"),
                        "language_code": "en",
                    ]
                ],
                expecting: 1, in: supergroup)
            #expect(second.map(\.text) == [BotText(.english).groupChat])
            // Chatter, stickers and commands for other bots: silence.
            let silent = try await bot.send(
                [
                    ["chat_id": .int(group), "user_id": 5004, "text": "hello everyone"],
                    ["chat_id": .int(group), "user_id": 5004, "sticker": true],
                    ["chat_id": .int(group), "user_id": 5004, "text": "/start@OtherBot"],
                ], expecting: 0, in: group)
            #expect(silent.isEmpty)
            #expect(try await bot.count("SELECT count(*) FROM users") == 0, "groups are never registered")
        }
    }

    @Test("SQL-looking input is stored verbatim and does nothing; a NUL in a name is stored as U+FFFD")
    func sqlLookingInput() async throws {
        try await withBot { bot in
            let fa = BotText(.persian)
            let name = "Robert'); DROP TABLE users;--"
            let username = "x' OR '1'='1"
            try await bot.say(5005, "/start", firstName: name, username: username)
            try await bot.expectReply(5005, "/subscribe '; DROP TABLE subscriptions; --", fa.noDoctorFound)
            try await bot.expectReply(5005, "/subscribe x';DELETE/**/FROM/**/users;--", fa.malformedLink)
            try await bot.expectReply(
                5005, "/filters weekdays sun'; DELETE FROM users; --", fa.filtersInvalid + "\n\n" + fa.filtersUsage)
            try await bot.expectReply(5005, "/language '); DROP TABLE users;--", fa.languageUsage)
            try await bot.expectReply(5005, "1; SELECT pg_sleep(10)", fa.freeText)
            let rows = try await bot.query("SELECT first_name, username FROM users WHERE chat_id = 5005")
            let (storedName, storedUsername) = try rows[0].decode((String, String).self)
            #expect(storedName == name && storedUsername == username)
            #expect(try await bot.count("SELECT count(*) FROM subscriptions") == 0)
            #expect(try await bot.count("SELECT count(*) FROM users") == 1)

            try await bot.expectReply(5006, "/start", BotText(.persian).welcome)
            _ = try await bot.send([["chat_id": 5006, "text": "/help", "first_name": "A\u{0}B"]], expecting: 1, in: 5006)
            let stored = try await bot.query("SELECT first_name FROM users WHERE chat_id = 5006")[0].decode(
                column: 0, as: String.self)
            #expect(stored == "A\u{FFFD}B")
        }
    }

    @Test("a flooding user gets the flood notice instead of the bot doing the work")
    func flood() async throws {
        try await withBot(flood: (burst: 3, perMinute: 1)) { bot in
            var texts: [String] = []
            for _ in 0..<5 { texts.append(try await bot.ask(5007, "/help")) }
            #expect(Array(texts.prefix(3)) == Array(repeating: BotText(.persian).help, count: 3))
            #expect(
                Array(texts.suffix(2)) == Array(repeating: "کمی آهسته‌تر لطفاً! چند ثانیه صبر کنید و دوباره امتحان کنید.", count: 2)
            )
            // Another user is not affected.
            try await bot.expectReply(5008, "/help", BotText(.persian).help)
        }
    }

    @Test("Telegram's 1 message a second per chat: replies still arrive, in order")
    func telegramRateLimit() async throws {
        try await withBot(rateLimits: true) { bot in
            try await bot.inject(
                (0..<3).map { _ in ["chat_id": 5009, "text": "/help"] } + [["chat_id": 5009, "text": "/start"]])
            let replies = try await bot.waitForReplies(to: 5009, after: 0, count: 4, timeout: .seconds(20))
            #expect(replies.map(\.text) == Array(repeating: BotText(.persian).help, count: 3) + [BotText(.persian).welcome])
            let refused = await bot.telegram.sentMessages().filter { $0.chatID == 5009 && $0.status == 429 }
            #expect(!refused.isEmpty, "the stand-in should have answered 429 at least once")
        }
    }
}
