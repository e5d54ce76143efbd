import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import Messaging
import StandIns
import TestSupport
import Testing

/// A whole conversation in Persian with the recorded doctor, as a person would have it. With
/// `SLOTHUNTER_BOT_TRANSCRIPT=<path>` it is also written out as Markdown.
@Suite("Conversation: a whole session in Persian", .enabled(if: BotHarness.canStartBroker))
struct TranscriptTests {
    @Test("start, subscribe to the recorded doctor, status, filters, odd input, unsubscribe, stop")
    func session() async throws {
        // The recorded doctor's targets are other suites' too: a broker of our own.
        try await withBot(privateBroker: true) { bot in
            let chat: Int64 = 9_800_001
            var transcript = Transcript()

            func say(_ text: String, firstName: String? = nil) async throws -> Reply {
                let reply = try #require(await bot.say(chat, text, languageCode: "fa", firstName: firstName).first)
                transcript.user(text)
                transcript.bot(reply)
                return reply
            }
            func tap(_ reply: Reply, _ label: String) async throws -> Reply? {
                let data = try #require(reply.data(of: label), "no button \(label)")
                let (replies, answer) = try await bot.tap(chat, data)
                transcript.tap(reply.allButtons.first { $0.data == data }?.label ?? label, answer: answer)
                for message in replies { transcript.bot(message) }
                return replies.first
            }

            let welcome = try await say("/start", firstName: "مریم")
            #expect(welcome.text == BotText(.persian).welcome)
            let choose = try await say("/subscribe https://www.paziresh24.com/dr/\(Paziresh24Fixture.recordedSlug)/")
            let confirm = try #require(try await tap(choose, "🌐 آنلاین"))
            let subscribed = try #require(try await tap(confirm, "✅ تأیید"))
            #expect(subscribed.text.hasPrefix("✅ از این پس"))

            // What the scraper would have reported: three free online slots tomorrow afternoon.
            let tomorrow = Date().addingTimeInterval(86_400).rounded(toMinutes: 60)
            let slots = (0..<3).map { tomorrow.addingTimeInterval(Double($0) * 600) }
            try await bot.store.recordCheck(
                TargetCheck(
                    DoctorCheckedV1(
                        targetId: "5532:\(Paziresh24Fixture.onlineServiceId)", doctorSlug: Paziresh24Fixture.recordedSlug,
                        outcome: .ok, errorKind: nil, freeSlotCount: 3, newSlotCount: 3, earliestSlots: slots, durationMs: 640,
                        checkedAt: Date().addingTimeInterval(-120), pollId: UUID())))
            let status = try await say("/status")
            #expect(status.text.contains("نوبت خالی فعلی: " + JalaliCalendar.dateTime(slots[0], language: .persian)))

            let filters = try await say("/filters")
            let saved = try #require(try await tap(filters, "۱۴ روز آینده"))
            #expect(saved.text.hasPrefix("✅ فیلترها ذخیره شد."))
            _ = try await say("/filters ساعت ۸-۲۰")

            transcript.note("کاربر یک استیکر می‌فرستد.")
            let sticker = try await bot.send([["chat_id": .int(chat), "sticker": true]], expecting: 1, in: chat)
            transcript.bot(try #require(sticker.first))
            _ = try await say("سلام، وقت خالی دارید؟")
            _ = try await say("/stats")
            _ = try await say("/subscribe '; DROP TABLE users; --")

            let list = try await say("/unsubscribe")
            _ = try await tap(list, "❌ دکتر هدیه جباری")
            let stop = try await say("/stop")
            let done = try #require(try await tap(stop, "🗑"))
            #expect(done.text == "همهٔ اطلاعات شما پاک شد. هر وقت خواستید با /start برگردید.")
            #expect(try await bot.count("SELECT count(*) FROM users") == 0)

            if let path = ProcessInfo.processInfo.environment["SLOTHUNTER_BOT_TRANSCRIPT"], !path.isEmpty {
                try transcript.markdown().write(toFile: path, atomically: true, encoding: .utf8)
            }
        }
    }
}

/// A conversation written down as Markdown.
struct Transcript {
    private var lines: [String] = []

    mutating func user(_ text: String) {
        lines.append("**👤 کاربر:** `\(text)`\n")
    }

    mutating func bot(_ reply: Reply) {
        var block = reply.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }
        for row in reply.buttons {
            block.append("> " + row.map { "[\($0.label)]" }.joined(separator: " "))
        }
        lines.append("**🤖 ربات:**\n" + block.joined(separator: "\n") + "\n")
    }

    mutating func tap(_ label: String, answer: String?) {
        lines.append("*(کاربر دکمهٔ «\(label)» را می‌زند" + (answer.map { "؛ اعلان: «\($0)»" } ?? "") + ")*\n")
    }

    mutating func note(_ text: String) {
        lines.append("*(\(text))*\n")
    }

    func markdown() -> String {
        """
        # SlotHunter bot: a conversation with the Telegram stand-in

        Recorded by `BotTests` (`TranscriptTests`, `SLOTHUNTER_BOT_TRANSCRIPT=<path> swift test --filter TranscriptTests`):
        the real `Conversation`, `PostgresBotStore` on a fresh PostgreSQL database, `KafkaWatchPublisher` on
        a test broker, `Paziresh24DoctorDirectory` over the paziresh24 stand-in (the recorded doctor
        `\(Paziresh24Fixture.recordedSlug)`), and `UpdatePoller` long-polling the Telegram stand-in. The `/status`
        check was recorded the way the scraper's `doctor.checked` would record it. Buttons are shown in brackets.

        \(lines.joined(separator: "\n"))
        """
    }
}
