import BotAdapters
import BotDomain
import BotTestSupport
import Foundation
import Localization
import Postgres
import StandIns
import Storage
import TestSupport
import Testing

/// The command menu, the main keyboard and per-subscription filters, recorded from the real `bot`
/// executable talking to the `telegram-standin` process: `docs/transcripts/bot-menu-and-filters.md`
/// must be exactly what the bot says (`SLOTHUNTER_WRITE_TRANSCRIPTS=1` rewrites it).
@Suite(
    "Transcript: command menu, keyboard and per-subscription filters (bot process)",
    .enabled(if: BotHarness.canStartBroker && TestEnvironment.hasExecutables))
struct MenuTranscriptTests {
    static let chat: Int64 = 9_810_001
    static let token = "565656:MENU-transcript-token"
    static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("docs/transcripts/bot-menu-and-filters.md")

    @Test("menu at start, /start with the keyboard, a button, /status with ⚙️ buttons, one subscription's filters")
    func transcript() async throws {
        let bin = try TestEnvironment.requireBinDir()
        let broker = try await TestBroker.start()
        let database = try await TestDatabase.create(prefix: "botmenu")
        let client = try database.client(poolSize: 2)
        try await DatabaseStartup.migrate(client, log: { _ in })
        let telegram = try await TestTelegram.start(token: Self.token, configuration: ["rate_limits_enabled": false])
        var environment = ServiceTestEnvironment.common(broker: broker, database: database, telegram: telegram)
        environment["INSTANCE_ID"] = "bot-menu-transcript"
        let bot = try ChildProcess(name: "bot", executable: "\(bin)/bot", environment: environment)
        var failure: (any Error)?
        do {
            try await bot.waitForOutput(containing: "command menu and descriptions set", timeout: .seconds(60))
            let markdown = try await Self.converse(telegram: telegram, store: PostgresBotStore(client: client))
            if ProcessInfo.processInfo.environment["SLOTHUNTER_WRITE_TRANSCRIPTS"] == "1" {
                try FileManager.default.createDirectory(
                    at: Self.document.deletingLastPathComponent(), withIntermediateDirectories: true)
                try markdown.write(to: Self.document, atomically: true, encoding: .utf8)
            } else {
                let recorded = try String(contentsOf: Self.document, encoding: .utf8)
                #expect(
                    recorded == markdown,
                    "docs/transcripts/bot-menu-and-filters.md is not what the bot says; rerun with SLOTHUNTER_WRITE_TRANSCRIPTS=1")
            }
        } catch {
            failure = error
        }
        await bot.terminate()
        await telegram.stop()
        await client.close()
        await broker.stop()
        if let failure { throw ControlError("\(failure)\nbot output:\n\(bot.output.suffix(3000))") }
    }

    /// Talks to the bot through the stand-in and writes the conversation down.
    static func converse(telegram: TestTelegram, store: PostgresBotStore) async throws -> String {
        var transcript = MenuTranscript()
        let commands = try await telegram.control.get("/control/commands")
        let descriptions = try await telegram.control.get("/control/descriptions")
        transcript.menu(commands: commands, descriptions: descriptions)

        let session = StandInSession(telegram: telegram, chat: chat)
        let welcome = try await session.say("/start")
        transcript.user("/start")
        transcript.bot(welcome)

        // The /subscribe flow is another part of the issue: the two subscriptions are stored directly.
        let doctor = BotFixtures.doctor()
        let stored = try await store.saveDoctor(doctor, targets: BotFixtures.targets(of: doctor, count: 2))
        for target in stored {
            _ = try await store.subscribe(chatId: chat, targetId: target.target.id, cap: SubscriptionCap(limit: 10))
        }
        transcript.note("کاربر پیش‌تر هر دو نوبت‌دهی دکتر \(doctor.displayName) را دنبال کرده است (حضوری و آنلاین).")

        let fa = BotText(.persian)
        let list = try await session.say(fa.menuButton(.list))
        transcript.press(fa.menuButton(.list))
        transcript.bot(list)

        let (filters, firstAnswer) = try await session.tap(list, "⚙️ فیلتر ۱")
        transcript.tap("⚙️ فیلتر ۱", answer: firstAnswer)
        transcript.bot(filters)

        let (saved, answer) = try await session.tap(filters, fa.filterDaysButton(14))
        transcript.tap(fa.filterDaysButton(14), answer: answer)
        transcript.bot(saved)

        let subscriptionId = try #require(try await store.subscriptions(chatId: chat).first?.id)
        let typed = "/filters \(subscriptionId) روزها سه شنبه، پنج‌شنبه"
        transcript.user(typed)
        transcript.bot(try await session.say(typed))
        let hours = "/filters \(subscriptionId) ساعت ۱۸:۰۰ تا ۲۲"
        transcript.user(hours)
        transcript.bot(try await session.say(hours))

        transcript.press(fa.menuButton(.list))
        transcript.bot(try await session.say(fa.menuButton(.list)))
        transcript.press(fa.menuButton(.hide))
        transcript.bot(try await session.say(fa.menuButton(.hide)))
        return transcript.markdown()
    }
}

/// One chat with the bot through the stand-in process's control API.
struct StandInSession {
    let telegram: TestTelegram
    let chat: Int64

    /// The messages delivered to the chat so far.
    func delivered() async throws -> [[String: Any]] {
        try await telegram.sent(to: chat).filter { $0["delivered"] as? Bool == true }
    }

    /// Sends a text message; waits for the one reply.
    func say(_ text: String) async throws -> StandInReply {
        let before = try await delivered().count
        try await telegram.inject([["chat_id": chat, "text": text, "first_name": "مریم", "language_code": "fa"]])
        return try await nextReply(after: before)
    }

    /// Taps the button labelled `label` on `reply`; waits for the reply and the callback's answer.
    func tap(_ reply: StandInReply, _ label: String) async throws -> (StandInReply, String?) {
        let data = try #require(reply.inline.flatMap { $0 }.first { $0.label == label }?.data, "no button \(label)")
        let before = try await delivered().count
        let answersBefore = try await answers().count
        try await telegram.inject([["chat_id": chat, "callback_data": data]])
        let next = try await nextReply(after: before)
        let deadline = ContinuousClock.now + .seconds(20)
        while try await answers().count <= answersBefore {
            guard ContinuousClock.now < deadline else { throw ControlError("the tap on \(label) was never answered") }
            try await Task.sleep(for: .milliseconds(50))
        }
        let answer = try await answers()[answersBefore]
        return (next, (answer["parameters"] as? [String: Any])?["text"] as? String)
    }

    private func answers() async throws -> [[String: Any]] {
        let log = try await telegram.control.get("/control/log?method=answerCallbackQuery")
        return ((log as? [String: Any])?["result"] as? [[String: Any]]) ?? []
    }

    private func nextReply(after before: Int) async throws -> StandInReply {
        let deadline = ContinuousClock.now + .seconds(20)
        while true {
            let sent = try await delivered()
            if sent.count > before { return StandInReply(sent[before]) }
            guard ContinuousClock.now < deadline else { throw ControlError("no reply in chat \(chat) within 20 s") }
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// A delivered message as a person sees it: text, inline buttons, the reply keyboard or its removal.
struct StandInReply {
    let text: String
    let inline: [[(label: String, data: String)]]
    let keyboard: [[String]]
    let removesKeyboard: Bool

    init(_ sent: [String: Any]) {
        text = sent["delivered_text"] as? String ?? sent["text"] as? String ?? ""
        let markup = sent["reply_markup"] as? [String: Any] ?? [:]
        inline = (markup["inline_keyboard"] as? [[[String: Any]]] ?? []).map { row in
            row.map { ($0["text"] as? String ?? "", $0["callback_data"] as? String ?? $0["url"] as? String ?? "") }
        }
        keyboard = (markup["keyboard"] as? [[[String: Any]]] ?? []).map { row in row.map { $0["text"] as? String ?? "" } }
        removesKeyboard = markup["remove_keyboard"] as? Bool == true
    }
}

/// The conversation written down as Markdown.
struct MenuTranscript {
    private var lines: [String] = []

    mutating func menu(commands: Any, descriptions: Any) {
        let menus = (commands as? [String: Any])?["result"] as? [String: Any] ?? [:]
        let texts = (descriptions as? [String: Any])?["result"] as? [String: Any] ?? [:]
        var block = ["## At start: the command menu and descriptions (`setMyCommands`, `setMyDescription`, `setMyShortDescription`)", ""]
        for language in ["default", "en"] {
            block.append(language == "default" ? "Menu for every language (Persian):" : "Menu for `language_code` en:")
            block.append("")
            for entry in menus[language] as? [[String: Any]] ?? [] {
                block.append("- `/\(entry["command"] as? String ?? "")` — \(entry["description"] as? String ?? "")")
            }
            block.append("")
            let description = (texts["description"] as? [String: Any])?[language] as? String ?? "—"
            let short = (texts["short_description"] as? [String: Any])?[language] as? String ?? "—"
            block.append("Description: \(description)")
            block.append("")
            block.append("Short description: \(short)")
            block.append("")
        }
        block.append("## The conversation")
        block.append("")
        lines.append(block.joined(separator: "\n"))
    }

    mutating func user(_ text: String) { lines.append("**👤 کاربر:** `\(text)`\n") }

    mutating func press(_ label: String) { lines.append("**👤 کاربر** دکمهٔ منوی «\(label)» را می‌زند (متن آن فرستاده می‌شود).\n") }

    mutating func bot(_ reply: StandInReply) {
        var block = reply.text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }
        for row in reply.inline { block.append("> " + row.map { "[\($0.label)]" }.joined(separator: " ")) }
        if !reply.keyboard.isEmpty {
            block.append(">")
            block.append("> ⌨️ منو:")
            for row in reply.keyboard { block.append("> " + row.map { "⟦\($0)⟧" }.joined(separator: " ")) }
        }
        if reply.removesKeyboard { block.append("> ⌨️ (منو برداشته می‌شود)") }
        lines.append("**🤖 ربات:**\n" + block.joined(separator: "\n") + "\n")
    }

    mutating func tap(_ label: String, answer: String?) {
        lines.append("*(کاربر دکمهٔ «\(label)» را می‌زند" + (answer.map { "؛ اعلان: «\($0)»" } ?? "") + ")*\n")
    }

    mutating func note(_ text: String) { lines.append("*(\(text))*\n") }

    func markdown() -> String {
        """
        # SlotHunter bot: command menu, main keyboard and per-subscription filters

        Recorded by `BotTests` (`MenuTranscriptTests`) from the real `bot` executable, long-polling the
        `telegram-standin` process, with PostgreSQL and a Kafka test broker; the test fails when this file
        differs from what the bot says (`SLOTHUNTER_WRITE_TRANSCRIPTS=1` rewrites it). Inline buttons are
        shown in [brackets], reply-keyboard buttons in ⟦double brackets⟧.

        \(lines.joined(separator: "\n"))
        """
    }
}
