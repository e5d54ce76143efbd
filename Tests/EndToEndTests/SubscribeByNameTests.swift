import Foundation
import Messaging
import Postgres
import TestSupport
import Testing

extension EndToEndSuites {
    /// Issue #14 item 5 and issue #13 item 5 through the real executables, the broker, PostgreSQL and
    /// both stand-ins: a doctor found by part of the name typed with Arabic ي, the online center
    /// picked and confirmed, the free-now answer, then a notice; a second user subscribing later is
    /// told at once what is free now, from the check the bot recorded (no request to paziresh24).
    @Suite("End to end: subscribe by name", .serialized, .enabled(if: TestEnvironment.hasExecutables))
    struct SubscribeByNameEndToEndTests {
        static var doctorJSON: [String: Any] {
            [
                "slug": "dr-saeed-nourian-e2e", "name": "سعید", "family": "نوریان", "specialty": "متخصص قلب",
                "centers": [
                    [
                        "id": "c-e2e", "name": "مطب", "user_center_id": "uc-e2e", "server_id": 1, "city": "تهران",
                        "services": [["id": "s-e2e", "name": "ویزیت", "can_booking": 1, "duration": "00:15:00"]],
                    ],
                    ["id": "5532", "user_center_id": "uc-e2e-online", "services": [["id": "s-e2e-online", "name": "ویزیت آنلاین"]]],
                ],
            ]
        }

        @Test("/subscribe سعيد نوري (Arabic ي) → doctor button → online center → confirm → free-now answer → notice")
        func subscribeByName() async throws {
            try await body()
        }

        func body() async throws {
            let system = try await SystemUnderTest.start()
            var stopped = false
            defer { if !stopped { Task { await system.stop() } } }
            let starts = WalkingSkeletonTests.futureStarts()
            _ = try await system.paziresh24Control.post("/control/doctors", json: Self.doctorJSON)
            _ = try await system.paziresh24Control.post(
                "/control/slots",
                json: ["center_id": "5532", "service_id": "s-e2e-online", "user_center_id": "uc-e2e-online", "slots": starts])

            let bot = try system.startService("bot")
            try system.startService("scraper")
            try system.startService("notifier")
            try await bot.waitForOutput(containing: "long polling started")

            let chat: Int64 = 7_100_001
            try await system.send([["chat_id": chat, "text": "/start"]])
            _ = try await system.waitForMessage(to: chat) { ($0["text"] as? String)?.contains("پذیرش۲۴") == true }
            let confirmed = try await subscribeByName(system, chat: chat, words: "سعيد نوري")
            #expect(confirmed.hasPrefix("✅ از این پس نوبت‌های خالی دکتر سعید نوریان (🌐 آنلاین · "), "\(confirmed)")
            // Nobody watched the target before, so it is almost surely not checked yet (a poll racing
            // the confirmation would show its slots instead; either way an answer, never silence).
            #expect(
                confirmed.hasSuffix("\nهنوز بررسی نشده؛ خبرتان می‌کنم") || confirmed.contains("\n🟢 نوبت‌های خالی همین حالا:"),
                "\(confirmed)")

            let notice = try await system.waitForMessage(to: chat, timeout: .seconds(90)) {
                ($0["text"] as? String)?.contains("نوبت خالی پیدا شد") == true
            }
            #expect((notice["text"] as? String)?.contains("نوریان") == true)
            try await pressStillFree(system, chat: chat, notice: notice)

            // The bot recorded the scraper's doctor.checked; a second user is told what is free now.
            let database = try system.database.client(poolSize: 1)
            try? await eventually(within: .seconds(60), every: .milliseconds(200), "an ok check of the online doctor") {
                let rows = try await database.query(
                    "SELECT count(*) FROM target_checks WHERE target_id = '5532:s-e2e-online' AND outcome = 'ok'")
                return try rows.decode(Int.self).first ?? 0 > 0
            }
            await database.close()
            let second: Int64 = 7_100_002
            try await system.send([["chat_id": second, "text": "/start"]])
            _ = try await system.waitForMessage(to: second) { ($0["text"] as? String)?.contains("پذیرش۲۴") == true }
            let freeNow = try await subscribeByName(system, chat: second, words: "نوريان")
            #expect(freeNow.contains("\n🟢 نوبت‌های خالی همین حالا:\n• "), "\(freeNow)\n\(system.logs())")
            #expect(freeNow.contains("۱۵:۰۰"), "the recorded 15:00 Tehran slot: \(freeNow)")

            let statuses = await system.stop()
            stopped = true
            #expect(statuses.values.allSatisfy { $0 == 0 }, "graceful shutdown exit codes: \(statuses)\n\(system.logs())")
        }

        /// Issue #15 item 5: the notice says when its slot was found, and its "🔄 still free?" button,
        /// pressed on that message, is answered by the bot in a dialog from the shared database.
        private func pressStillFree(_ system: SystemUnderTest, chat: Int64, notice: [String: Any]) async throws {
            #expect((notice["text"] as? String)?.contains("🕒 پیدا شده: ") == true, "\(notice)")
            let still = try #require(buttons(of: notice).first { $0.data?.hasPrefix("still:") == true })
            #expect(still.text == "🔄 هنوز آزاد است؟")
            let messageId = try #require((notice["message_id"] as? Int64) ?? (notice["message_id"] as? Int).map(Int64.init))
            try await system.send([["chat_id": chat, "callback_data": try #require(still.data), "message_id": messageId]])
            let deadline = ContinuousClock.now + .seconds(30)
            var answer: [String: Any]?
            while ContinuousClock.now < deadline, answer == nil {
                let log = try await system.telegram.control.get("/control/log?method=answerCallbackQuery")
                let entries = ((log as? [String: Any])?["result"] as? [[String: Any]]) ?? []
                answer = entries.compactMap { $0["parameters"] as? [String: Any] }.last {
                    ($0["text"] as? String)?.contains("۱۵:۰۰") == true
                }
                if answer == nil { try await Task.sleep(for: .milliseconds(200)) }
            }
            let parameters = try #require(answer, "no answer to the still-free button\n\(system.logs())")
            let text = parameters["text"] as? String ?? ""
            // The recorded 15:00 Tehran slot (one line per slot of the notice), free as of the last poll
            // (no poll failed, within 30 minutes); shown as a dialog.
            #expect(text.contains("۱۵:۰۰: ✅ در آخرین بررسی ("), "\(text)")
            #expect(parameters["show_alert"] as? Bool == true)
        }

        /// `/subscribe <words>`, the doctor's button, the online center, confirm; returns the confirmation.
        private func subscribeByName(_ system: SystemUnderTest, chat: Int64, words: String) async throws -> String {
            try await system.send([["chat_id": chat, "text": "/subscribe \(words)"]])
            let doctors = try await system.waitForMessage(to: chat) { message in
                buttons(of: message).contains { $0.data?.hasPrefix("doc:") == true }
            }
            let doctor = try #require(buttons(of: doctors).first { $0.text.contains("سعید نوریان") })
            #expect(doctor.text.hasPrefix("دکتر سعید نوریان · متخصص قلب"), "\(doctor.text)")
            #expect(doctor.text.contains("اولین نوبت: "), "the earliest free time from the search: \(doctor.text)")
            try await system.send([["chat_id": chat, "callback_data": try #require(doctor.data)]])
            let targets = try await system.waitForMessage(to: chat) { message in
                buttons(of: message).contains { $0.data?.hasPrefix("pick:") == true }
            }
            let online = try #require(buttons(of: targets).first { $0.text.contains("آنلاین") })
            try await system.send([["chat_id": chat, "callback_data": try #require(online.data)]])
            let confirm = try await system.waitForMessage(to: chat) { buttons(of: $0).contains { $0.data?.hasPrefix("sub:") == true } }
            let subscribe = try #require(buttons(of: confirm).first { $0.data?.hasPrefix("sub:") == true }?.data)
            try await system.send([["chat_id": chat, "callback_data": subscribe]])
            let done = try await system.waitForMessage(to: chat) { ($0["text"] as? String)?.hasPrefix("✅") == true }
            return done["text"] as? String ?? ""
        }
    }
}
