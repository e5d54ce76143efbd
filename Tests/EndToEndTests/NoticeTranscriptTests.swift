import Foundation
import TestSupport
import Testing

extension EndToEndSuites {
    /// A notice and its "🔄 still free?" button, recorded from the real executables (bot, scraper,
    /// notifier), the broker, PostgreSQL and both stand-ins: `/subscribe <name>`, the doctor, the online
    /// center, the confirmation, the notice with its buttons, the button pressed and its answer, in
    /// `docs/transcripts/notice-and-still-free.md` (`SLOTHUNTER_WRITE_TRANSCRIPTS=1` rewrites it).
    ///
    /// Times and dates depend on the day the test runs, so the comparison masks every digit, and the
    /// confirmation's last line (whether the target was already checked is a race the test does not fix).
    @Suite("Transcript: a notice and its still-free button (all executables)", .serialized, .enabled(if: TestEnvironment.hasExecutables))
    struct NoticeTranscriptTests {
        static let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("docs/transcripts/notice-and-still-free.md")

        @Test("/subscribe by name → notice with the found time and the still-free button → the button's answer")
        func transcript() async throws {
            try await body()
        }

        func body() async throws {
            let system = try await SystemUnderTest.start()
            var stopped = false
            defer { if !stopped { Task { await system.stop() } } }
            _ = try await system.paziresh24Control.post("/control/doctors", json: SubscribeByNameEndToEndTests.doctorJSON)
            _ = try await system.paziresh24Control.post(
                "/control/slots",
                json: [
                    "center_id": "5532", "service_id": "s-e2e-online", "user_center_id": "uc-e2e-online",
                    "slots": Array(WalkingSkeletonTests.futureStarts().prefix(2)),
                ])
            let bot = try system.startService("bot")
            try system.startService("scraper")
            try system.startService("notifier")
            try await bot.waitForOutput(containing: "long polling started")

            let chat: Int64 = 7_200_001
            var transcript = NoticeTranscript()
            func say(_ text: String, reply: @escaping ([String: Any]) -> Bool) async throws {
                transcript.user(text)
                try await system.send([["chat_id": chat, "text": text]])
                transcript.bot(try await system.waitForMessage(to: chat, where: reply))
            }
            func tap(
                _ button: (text: String, data: String?, url: String?), messageId: Int64? = nil, reply: (([String: Any]) -> Bool)?
            ) async throws {
                let answered = try await answers().count
                var update: [String: Any] = ["chat_id": chat, "callback_data": try #require(button.data)]
                if let messageId { update["message_id"] = messageId }
                try await system.send([update])
                var message: [String: Any]?
                if let reply { message = try await system.waitForMessage(to: chat, where: reply) }
                let answer = try await waitForAnswer(after: answered)
                transcript.tap(button.text, answer: answer["text"] as? String, alert: answer["show_alert"] as? Bool == true)
                if let message { transcript.bot(message) }
            }
            func answers() async throws -> [[String: Any]] {
                let log = try await system.telegram.control.get("/control/log?method=answerCallbackQuery")
                return (((log as? [String: Any])?["result"] as? [[String: Any]]) ?? []).compactMap { $0["parameters"] as? [String: Any] }
            }
            func waitForAnswer(after count: Int) async throws -> [String: Any] {
                let deadline = ContinuousClock.now + .seconds(30)
                while ContinuousClock.now < deadline {
                    let all = try await answers()
                    if all.count > count { return all[count] }
                    try await Task.sleep(for: .milliseconds(100))
                }
                throw ControlError("no answerCallbackQuery\n\(system.logs())")
            }

            try await say("/start") { ($0["text"] as? String)?.contains("پذیرش۲۴") == true }
            try await say("/subscribe سعيد نوري") { buttons(of: $0).contains { $0.data?.hasPrefix("doc:") == true } }
            let doctors = try await system.waitForMessage(to: chat) { buttons(of: $0).contains { $0.data?.hasPrefix("doc:") == true } }
            try await tap(try #require(buttons(of: doctors).first { $0.text.contains("سعید نوریان") })) {
                buttons(of: $0).contains { $0.data?.hasPrefix("pick:") == true }
            }
            let targets = try await system.waitForMessage(to: chat) { buttons(of: $0).contains { $0.data?.hasPrefix("pick:") == true } }
            try await tap(try #require(buttons(of: targets).first { $0.text.contains("آنلاین") })) {
                buttons(of: $0).contains { $0.data?.hasPrefix("sub:") == true }
            }
            let confirm = try await system.waitForMessage(to: chat) { buttons(of: $0).contains { $0.data?.hasPrefix("sub:") == true } }
            try await tap(try #require(buttons(of: confirm).first { $0.data?.hasPrefix("sub:") == true })) {
                ($0["text"] as? String)?.hasPrefix("✅") == true
            }
            let notice = try await system.waitForMessage(to: chat, timeout: .seconds(90)) {
                ($0["text"] as? String)?.contains("نوبت خالی پیدا شد") == true
            }
            // The first notice of a newly watched online target already has the price: the bot read the
            // stand-in's full profile (`free_price` 5,000,000 Rial) and put it on the watch record.
            let noticeText = notice["text"] as? String ?? ""
            #expect(
                noticeText.contains("💳 ویزیت آنلاین: ۵۰۰\u{066C}۰۰۰ تومان"),
                "the first notice shows the online price from the watch record\n\(noticeText)")
            transcript.note("اسکرپر نوبت‌های خالی را پیدا می‌کند و نوتیفایر خبر می‌دهد:")
            transcript.bot(notice)
            let still = try #require(buttons(of: notice).first { $0.data?.hasPrefix("still:") == true })
            let messageId = try #require((notice["message_id"] as? Int64) ?? (notice["message_id"] as? Int).map(Int64.init))
            try await tap(still, messageId: messageId, reply: nil)

            let markdown = transcript.markdown()
            if ProcessInfo.processInfo.environment["SLOTHUNTER_WRITE_TRANSCRIPTS"] == "1" {
                try FileManager.default.createDirectory(at: Self.document.deletingLastPathComponent(), withIntermediateDirectories: true)
                try markdown.write(to: Self.document, atomically: true, encoding: .utf8)
            } else {
                let recorded = try String(contentsOf: Self.document, encoding: .utf8)
                #expect(
                    NoticeTranscript.comparable(recorded) == NoticeTranscript.comparable(markdown),
                    "docs/transcripts/notice-and-still-free.md is not what the services say; rerun with SLOTHUNTER_WRITE_TRANSCRIPTS=1\n\(markdown)"
                )
            }
            let statuses = await system.stop()
            stopped = true
            #expect(statuses.values.allSatisfy { $0 == 0 }, "graceful shutdown exit codes: \(statuses)\n\(system.logs())")
        }
    }
}

/// The transcript's markdown, in the shape of `docs/transcripts/bot-menu-and-filters.md`.
struct NoticeTranscript {
    private var lines: [String] = []

    mutating func user(_ text: String) { lines.append("**👤 کاربر:** `\(text)`\n") }

    mutating func bot(_ message: [String: Any]) {
        let text = message["text"] as? String ?? ""
        var block = text.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }
        let markup = message["reply_markup"] as? [String: Any]
        for row in markup?["inline_keyboard"] as? [[[String: Any]]] ?? [] {
            block.append(
                "> "
                    + row.map { button in
                        let label = button["text"] as? String ?? ""
                        return button["url"] != nil ? "[\(label) ↗]" : "[\(label)]"
                    }.joined(separator: " "))
        }
        if markup?["keyboard"] != nil { block.append("> ⌨️ (منوی دکمه‌ها)") }
        lines.append("**🤖 ربات:**\n" + block.joined(separator: "\n") + "\n")
    }

    mutating func tap(_ label: String, answer: String?, alert: Bool) {
        guard let answer, !answer.isEmpty else {
            lines.append("*(کاربر دکمهٔ «\(label)» را می‌زند)*\n")
            return
        }
        if alert {
            let dialog = answer.split(separator: "\n", omittingEmptySubsequences: false).map { "> " + $0 }.joined(separator: "\n")
            lines.append("*(کاربر دکمهٔ «\(label)» را می‌زند؛ پنجرهٔ پاسخ:)*\n\n" + dialog + "\n")
        } else {
            lines.append("*(کاربر دکمهٔ «\(label)» را می‌زند؛ اعلان: «\(answer)»)*\n")
        }
    }

    mutating func note(_ text: String) { lines.append("*(\(text))*\n") }

    func markdown() -> String {
        """
        # SlotHunter: a notice and its «🔄 هنوز آزاد است؟» button

        Recorded by `EndToEndTests` (`NoticeTranscriptTests`) from the real `bot`, `scraper` and
        `notifier` executables with the `telegram-standin` and `paziresh24-standin` processes,
        PostgreSQL and a Kafka test broker (`SLOTHUNTER_WRITE_TRANSCRIPTS=1` rewrites it; the test
        compares it with every digit masked, since times and dates depend on the day it runs). Inline
        buttons are shown in [brackets], link buttons with ↗. The notice says when its slots were
        found; its second button is answered by the bot from the database, without a request to
        paziresh24.

        \(lines.joined(separator: "\n"))
        """
    }

    /// The transcript with every digit masked and the confirmation's race-dependent tail (free now
    /// or not checked yet) left out.
    static func comparable(_ markdown: String) -> String {
        var lines: [String] = []
        var inConfirmation = false
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("> ✅ ") { inConfirmation = true } else if !line.hasPrefix(">") { inConfirmation = false }
            if inConfirmation, line.hasPrefix("> 🟢") || line.hasPrefix("> • ") || line.hasPrefix("> هنوز بررسی نشده") { continue }
            lines.append(String(line))
        }
        let digits = Set("0123456789۰۱۲۳۴۵۶۷۸۹")
        return String(lines.joined(separator: "\n").map { digits.contains($0) ? "#" : $0 })
    }
}
