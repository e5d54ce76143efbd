import Foundation
import Messaging
import TestSupport
import Testing

extension EndToEndSuites {
    /// One free slot travels end to end: Telegram stand-in → bot → PostgreSQL + watches topic →
    /// scraper → paziresh24 stand-in → slots topic → notifier → PostgreSQL → Telegram stand-in.
    @Suite("End to end", .serialized, .enabled(if: TestEnvironment.hasExecutables))
    struct WalkingSkeletonTests {
        /// The recorded doctor and its online-visit target (Tools/StandIns/Fixtures/paziresh24/full_profile.json).
        static let slug = "دکتر-هدیه-جباری-0"
        static let onlineCenter = "5532"
        static let onlineService = "972812db-5afb-427a-9dba-d07aa3fed100"
        static let onlineUserCenter = "972812db-4af0-49d5-865f-516ad2df8474"
        /// The recorded free slots of 2026-10-06 (free_days_slots.json): 15:00, 15:10, 15:20, 15:30 Tehran.
        static let recordedStarts: [Int] = [1_791_286_200, 1_791_286_800, 1_791_287_400, 1_791_288_000]

        /// The recorded slots moved forward by whole days so they lie in the future: the Tehran times
        /// of day stay exactly as recorded.
        static func futureStarts(now: Date = Date()) -> [Int] {
            let days = Int((now.timeIntervalSince1970 - Double(recordedStarts[0])) / 86_400) + 2
            return recordedStarts.map { $0 + days * 86_400 }
        }

        @Test("a user subscribes through the bot and gets the recorded slots, in Tehran time, in their chat")
        func slotTravelsEndToEnd() async throws {
            try await slotTravelsEndToEndBody()
        }

        func slotTravelsEndToEndBody() async throws {
            let system = try await SystemUnderTest.start()
            var stopped = false
            defer { if !stopped { Task { await system.stop() } } }
            let starts = Self.futureStarts()
            _ = try await system.paziresh24Control.post(
                "/control/slots",
                json: [
                    "center_id": Self.onlineCenter, "service_id": Self.onlineService, "user_center_id": Self.onlineUserCenter,
                    "slots": starts,
                ])

            let bot = try system.startService("bot")
            try system.startService("scraper")
            try system.startService("notifier")
            try await bot.waitForOutput(containing: "long polling started")

            let chat: Int64 = 7_000_001
            try await system.send([["chat_id": chat, "text": "/start"]])
            _ = try await system.waitForMessage(to: chat) { ($0["text"] as? String)?.contains("پذیرش۲۴") == true }

            try await system.send([["chat_id": chat, "text": "/subscribe https://www.paziresh24.com/dr/\(Self.slug)/"]])
            let choice = try await system.waitForMessage(to: chat) { !buttons(of: $0).isEmpty }
            guard let online = buttons(of: choice).first(where: { $0.text.contains("آنلاین") }), let pick = online.data else {
                Issue.record("no online-visit button in \(buttons(of: choice).map(\.text))")
                return
            }
            try await system.send([["chat_id": chat, "callback_data": pick]])
            let confirm = try await system.waitForMessage(to: chat) { buttons(of: $0).contains { $0.data?.hasPrefix("sub:") == true } }
            let subscribe = buttons(of: confirm).first { $0.data?.hasPrefix("sub:") == true }!.data!
            try await system.send([["chat_id": chat, "callback_data": subscribe]])
            _ = try await system.waitForMessage(to: chat) { ($0["text"] as? String)?.hasPrefix("✅") == true }

            let notice = try await system.waitForMessage(to: chat, timeout: .seconds(90)) {
                ($0["text"] as? String)?.contains("نوبت خالی پیدا شد") == true
            }
            let text = notice["text"] as? String ?? ""
            for time in ["۱۵:۰۰", "۱۵:۱۰", "۱۵:۲۰", "۱۵:۳۰"] {
                #expect(text.contains("ساعت \(time)"), "missing \(time) in:\n\(text)")
            }
            #expect(text.contains("هدیه جباری"))
            #expect(notice["chat_id"] as? Int64 == chat || (notice["chat_id"] as? Int).map(Int64.init) == chat)
            let book = buttons(of: notice).first { $0.url != nil }
            #expect(book?.url?.hasPrefix("https://www.paziresh24.com/dr/") == true)

            // Exactly one notice delivered: the next polls see the same slots and announce nothing new.
            try await letTimePass(.seconds(5), "a second notice would show up now")
            let notices = try await system.sent(to: chat).filter {
                ($0["text"] as? String)?.contains("نوبت خالی پیدا شد") == true && ($0["delivered"] as? Bool) == true
            }
            #expect(notices.count == 1, "notices: \(notices)\n\(system.logs())")
            // The stand-in enforces Telegram's one message per second per chat: the bot's replies and the
            // notice reserve their turns in the shared chat_pacing table, so none of them is answered 429.
            let log = try await system.telegram.sendLog().filter { $0.chat == chat }
            #expect(log.count >= 5, "sendMessage calls: \(log)")
            #expect(log.allSatisfy { $0.status == 200 }, "sendMessage statuses: \(log.map(\.status))\n\(system.logs())")

            let statuses = await system.stop()
            stopped = true
            #expect(statuses.values.allSatisfy { $0 == 0 }, "graceful shutdown exit codes: \(statuses)\n\(system.logs())")
        }
    }
}
