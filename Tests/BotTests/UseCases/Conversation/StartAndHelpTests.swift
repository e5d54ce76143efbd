import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import TestSupport
import Testing

/// `/start`, `/help`, `/language`: through the Telegram stand-in, with the real store and broker.
@Suite("Conversation: /start, /help, /language", .enabled(if: BotHarness.isEnabled))
struct StartAndHelpTests {
    @Test("/start registers the user and explains the bot in three numbered lines, in Persian")
    func startInPersian() async throws {
        try await withBot { bot in
            let replies = try await bot.say(1001, "/start", languageCode: "fa", firstName: "مریم", username: "maryam")
            #expect(replies.count == 1)
            let welcome = try #require(replies.first).text
            #expect(welcome == BotText(.persian).welcome)
            #expect(welcome.hasPrefix("سلام! من «شکارچی نوبت» هستم."))
            let lines = welcome.split(separator: "\n")
            #expect(lines.filter { $0.hasPrefix("۱.") || $0.hasPrefix("۲.") || $0.hasPrefix("۳.") }.count == 3)
            let rows = try await bot.query("SELECT language, status, first_name, username FROM users WHERE chat_id = 1001")
            let (language, status, firstName, username) = try rows[0].decode((String, String, String, String).self)
            #expect(language == "fa" && status == "active" && firstName == "مریم" && username == "maryam")
        }
    }

    @Test("an English Telegram client gets English; a Persian or unknown one gets Persian")
    func languageFallback() async throws {
        try await withBot { bot in
            try await bot.expectReply(1002, "/start", languageCode: "en-US", BotText(.english).welcome)
            try await bot.expectReply(1003, "/start", languageCode: "de", BotText(.persian).welcome)
            try await bot.expectReply(1004, "/help", languageCode: "fa", BotText(.persian).help)
            try await bot.expectReply(1002, "/help", BotText(.english).help)
        }
    }

    @Test("/command@ThisBot is accepted; /command@OtherBot is not for us")
    func botNameSuffix() async throws {
        try await withBot { bot in
            try await bot.expectReply(1005, "/help@\(botTestUsername)", BotText(.persian).help)
            try await bot.expectReply(1005, "/HELP@\(botTestUsername.lowercased())", BotText(.persian).help)
            try await bot.expectReply(1005, "/help@SomeOtherBot", BotText(.persian).freeText)
        }
    }

    @Test("/language switches the language (command or button) and it sticks")
    func language() async throws {
        try await withBot { bot in
            try await bot.say(1006, "/start", languageCode: "fa")
            let usage = try #require(await bot.say(1006, "/language").first)
            #expect(usage.text == BotText(.persian).languageUsage)
            #expect(usage.allButtons.map(\.data) == ["lang:fa", "lang:en"])
            let (replies, answer) = try await bot.tap(1006, "lang:en")
            #expect(replies.map(\.text) == ["Language: English ✅"])
            #expect(answer == nil)
            // The stored choice wins over the client's language from now on.
            try await bot.expectReply(1006, "/help", languageCode: "fa", BotText(.english).help)
            try await bot.expectReply(1006, "/language fa", "زبان: فارسی ✅")
            try await bot.expectReply(1006, "/help", languageCode: "en", BotText(.persian).help)
        }
    }
}
