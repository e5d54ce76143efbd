import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import Messaging
import TestSupport
import Testing

/// `/unsubscribe`, `/status`, `/filters`, `/pause`, `/resume` on real subscriptions.
@Suite("Conversation: /unsubscribe, /status, /filters, /pause, /resume", .enabled(if: BotHarness.isEnabled))
struct SubscriptionManagementTests {
    static let office = "🏥 حضوری · مطب تهران"
    static let online = "🌐 آنلاین · ویزیت آنلاین"

    @Test("/unsubscribe lists subscriptions as buttons; the last unsubscribe of a target publishes watch.cancelled")
    func unsubscribe() async throws {
        try await withBot { bot in
            try await WatchTap.shared.start()
            let doctor = bot.registerDoctor()
            let onlineTarget = try #require(doctor.onlineTargetId)
            try await bot.expectReply(3001, "/unsubscribe", BotText(.persian).noSubscriptions)
            try await bot.subscribe(3001, to: doctor.url, choosing: Self.office)
            try await bot.subscribe(3001, to: doctor.url, choosing: Self.online)
            try await bot.subscribe(3002, to: doctor.url, choosing: Self.office)

            let list = try #require(await bot.say(3001, "/unsubscribe").first)
            #expect(list.text == "کدام اشتراک لغو شود؟")
            #expect(
                list.allButtons.map(\.label) == [
                    "❌ دکتر سارا آزمون · حضوری · مطب تهران", "❌ دکتر سارا آزمون · آنلاین · ویزیت آنلاین", "❌ انصراف",
                ])
            let officeButton = try #require(list.allButtons.first?.data)
            let onlineButton = try #require(list.allButtons.dropFirst().first?.data)
            #expect(officeButton.hasPrefix("unsub:") && onlineButton.hasPrefix("unsub:"))

            // Someone else still watches the office: no cancellation for it.
            let first = try await bot.tap(3001, officeButton)
            #expect(first.replies.map(\.text) == ["اشتراک دکتر سارا آزمون لغو شد."])
            #expect(first.answer == "انجام شد ✅")
            // Nobody else watches the online visit: cancelled.
            _ = try await bot.tap(3001, onlineButton)
            let onlineEvents = try await WatchTap.shared.waitForEvents(for: onlineTarget, count: 2)
            #expect(onlineEvents.map(\.schema) == ["watch.requested", "watch.cancelled"])
            #expect(onlineEvents.last?.reason == "last_unsubscribe")
            #expect(try await WatchTap.shared.settledEvents(for: doctor.officeTargetId).map(\.schema) == ["watch.requested"])
            #expect(try await bot.count("SELECT count(*) FROM subscriptions WHERE chat_id = 3001") == 0)

            // The old button again: answered, nothing else happens.
            let stale = try await bot.tap(3001, officeButton)
            #expect(stale.replies.isEmpty)
            #expect(stale.answer == BotText(.persian).expired)

            // The last watcher of the office leaves: now it is cancelled.
            let theirs = try #require(await bot.say(3002, "/unsubscribe").first)
            _ = try await bot.tap(3002, try #require(theirs.allButtons.first?.data))
            let officeEvents = try await WatchTap.shared.waitForEvents(for: doctor.officeTargetId, count: 2)
            #expect(officeEvents.map(\.schema) == ["watch.requested", "watch.cancelled"])
        }
    }

    @Test("/status: doctor, center, filters, last check in Jalali with Persian digits, free slots from the records")
    func status() async throws {
        try await withBot { bot in
            try await bot.expectReply(3003, "/status", BotText(.persian).noSubscriptions)
            let doctor = bot.registerDoctor()
            try await bot.subscribe(3003, to: doctor.url, choosing: Self.office)
            let before = try #require(await bot.say(3003, "/status").first).text
            #expect(
                before == """
                    📋 اشتراک‌های شما:

                    ۱. 👨‍⚕️ دکتر سارا آزمون
                    🏥 حضوری · مطب تهران · ویزیت حضوری
                    فیلترها: ۳۰ روز آینده · آنلاین و حضوری · ساعت ۰ تا ۲۴ · همهٔ روزها
                    هنوز بررسی نشده
                    """)

            // 2026-10-06 11:30 UTC is 15:00 in Tehran on 14 Mehr 1405.
            let checkedAt = Date(timeIntervalSince1970: 1_791_286_200)
            let soon = Date().addingTimeInterval(86_400).rounded(toMinutes: 10)
            let future = [soon, soon.addingTimeInterval(600), soon.addingTimeInterval(1200)]
            let past = Date(timeIntervalSince1970: 1_600_000_000)
            try await bot.store.recordCheck(
                TargetCheck(
                    DoctorCheckedV1(
                        targetId: doctor.officeTargetId, doctorSlug: doctor.slug, outcome: .ok, errorKind: nil, freeSlotCount: 7,
                        newSlotCount: 3, earliestSlots: [past] + future, durationMs: 420, checkedAt: checkedAt, pollId: UUID())))
            let after = try #require(await bot.say(3003, "/status").first).text
            let lines = after.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            #expect(lines.count == 7, "\(after)")
            #expect(lines.suffix(2).first == "آخرین بررسی: ۱۴۰۵/۰۷/۱۴ ۱۵:۰۰ — نوبت خالی دارد")
            let listed = future.map { JalaliCalendar.dateTime($0, language: .persian) }.joined(separator: "، ")
            // Seven counted, one of them already past: three shown and three more.
            #expect(lines.last == "نوبت خالی فعلی: \(listed) و ۳ نوبت دیگر")
            #expect(!after.contains(where: { ("0"..."9").contains($0) }), "Persian digits only: \(after)")

            try await bot.expectReply(3003, "/pause", "⏸ اعلان‌ها متوقف شد. برای ادامه /resume را بفرستید.")
            let paused = try #require(await bot.say(3003, "/status").first).text
            #expect(paused.split(separator: "\n").dropFirst().first == "⏸ اعلان‌ها متوقف است (/resume).")

            // English users get Gregorian-free Jalali dates with ASCII digits.
            try await bot.say(3003, "/language en")
            let english = try #require(await bot.say(3003, "/status").first).text
            #expect(english.contains("Last check: 1405/07/14 15:00 — has free slots"))
        }
    }

    @Test("/pause and /resume set the user's status")
    func pauseAndResume() async throws {
        try await withBot { bot in
            try await bot.expectReply(3004, "/pause", BotText(.persian).paused)
            #expect(
                try await bot.query("SELECT status FROM users WHERE chat_id = 3004")[0].decode(column: 0, as: String.self)
                    == "paused")
            // Other commands don't resume by themselves.
            try await bot.say(3004, "/help")
            #expect(
                try await bot.query("SELECT status FROM users WHERE chat_id = 3004")[0].decode(column: 0, as: String.self)
                    == "paused")
            try await bot.expectReply(3004, "/resume", "▶️ اعلان‌ها دوباره فعال شد.")
            #expect(
                try await bot.query("SELECT status FROM users WHERE chat_id = 3004")[0].decode(column: 0, as: String.self)
                    == "active")
        }
    }

    @Test("/filters shows the filters with buttons; text and buttons change every subscription; new ones inherit them")
    func filters() async throws {
        try await withBot { bot in
            let fa = BotText(.persian)
            let empty = try #require(await bot.say(3005, "/filters").first)
            #expect(empty.text == fa.filtersUsage)
            #expect(
                empty.allButtons.map(\.data) == [
                    "flt:days 7", "flt:days 14", "flt:days 30", "flt:mode online", "flt:mode inperson", "flt:mode any",
                    "flt:reset",
                ])
            #expect(empty.allButtons.map(\.label).prefix(3) == ["۷ روز آینده", "۱۴ روز آینده", "۳۰ روز آینده"])
            try await bot.expectReply(3005, "/filters days 14", fa.filtersNoSubscriptions)

            let doctor = bot.registerDoctor()
            try await bot.subscribe(3005, to: doctor.url, choosing: Self.office)
            let shown = try #require(await bot.say(3005, "/filters").first)
            #expect(shown.text.hasPrefix("فیلترها: ۳۰ روز آینده · آنلاین و حضوری · ساعت ۰ تا ۲۴ · همهٔ روزها\n\n"))

            try await bot.expectReply(
                3005, "/filters days 14", "✅ فیلترها ذخیره شد.\nفیلترها: ۱۴ روز آینده · آنلاین و حضوری · ساعت ۰ تا ۲۴ · همهٔ روزها"
            )
            try await bot.expectReply(
                3005, "/filters ساعت ۸-۲۰",
                "✅ فیلترها ذخیره شد.\nفیلترها: ۱۴ روز آینده · آنلاین و حضوری · ساعت ۸ تا ۲۰ · همهٔ روزها")
            try await bot.expectReply(
                3005, "/filters weekdays sat,sun",
                "✅ فیلترها ذخیره شد.\nفیلترها: ۱۴ روز آینده · آنلاین و حضوری · ساعت ۸ تا ۲۰ · یکشنبه، شنبه")
            let tapped = try await bot.tap(3005, "flt:mode inperson")
            #expect(
                tapped.replies.map(\.text) == [
                    "✅ فیلترها ذخیره شد.\nفیلترها: ۱۴ روز آینده · فقط حضوری · ساعت ۸ تا ۲۰ · یکشنبه، شنبه"
                ])
            try await bot.expectReply(3005, "/filters mode banana", fa.filtersInvalid + "\n\n" + fa.filtersUsage)
            try await bot.expectReply(3005, "/filters days 91", fa.filtersInvalid + "\n\n" + fa.filtersUsage)

            let rows = try await bot.query(
                "SELECT window_days, mode, hour_from, hour_to, weekdays FROM subscriptions WHERE chat_id = 3005")
            let (days, mode, from, to, weekdays) = try rows[0].decode((Int, String, Int, Int, Int).self)
            #expect(days == 14 && mode == "in_person" && from == 8 && to == 20 && weekdays == 0b100_0001)

            // A new subscription takes the user's current filters.
            try await bot.subscribe(3005, to: doctor.url, choosing: Self.online)
            #expect(
                try await bot.count(
                    "SELECT count(*) FROM subscriptions WHERE chat_id = 3005 AND window_days = 14 AND hour_from = 8") == 2)

            try await bot.expectReply(
                3005, "/filters reset", "✅ فیلترها ذخیره شد.\nفیلترها: ۳۰ روز آینده · آنلاین و حضوری · ساعت ۰ تا ۲۴ · همهٔ روزها")
            #expect(
                try await bot.count(
                    "SELECT count(*) FROM subscriptions WHERE chat_id = 3005 AND window_days = 30 AND weekdays = 127") == 2)
        }
    }
}

extension Date {
    /// Rounded down to a multiple of `minutes` (slot starts are whole minutes).
    func rounded(toMinutes minutes: Int) -> Date {
        let step = Double(minutes * 60)
        return Date(timeIntervalSince1970: (timeIntervalSince1970 / step).rounded(.down) * step)
    }
}
