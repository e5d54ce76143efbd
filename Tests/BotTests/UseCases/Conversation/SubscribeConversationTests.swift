import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import Messaging
import StandIns
import TestSupport
import Testing

/// `/subscribe`: resolve through the paziresh24 client, pick a center and service on an inline
/// keyboard, confirm; the first subscriber of a target publishes `watch.requested`.
@Suite("Conversation: /subscribe", .enabled(if: BotHarness.isEnabled))
struct SubscribeConversationTests {
    static let recordedURL = "https://www.paziresh24.com/dr/\(Paziresh24Fixture.recordedSlug)/"
    static let onlineTargetId = "5532:\(Paziresh24Fixture.onlineServiceId)"

    @Test(
        "the recorded doctor: centers on a keyboard (online and in person marked), pick, confirm, stored",
        .enabled(if: BotHarness.canStartBroker))
    func recordedDoctorFlow() async throws {
        // Its watch.requested names the recorded doctor's target, which other suites watch too: keep it off the shared broker.
        try await withBot(privateBroker: true) { bot in
            try await bot.say(2001, "/start")
            let choose = try #require(await bot.say(2001, "/subscribe \(Self.recordedURL)").first)
            #expect(choose.text == "دکتر هدیه جباری\nکدام مرکز و خدمت را دنبال کنم؟")
            #expect(choose.buttons.count == 3, "two targets and cancel: \(choose)")
            let labels = choose.allButtons.map(\.label)
            #expect(labels.filter { $0.hasPrefix("🌐 آنلاین · ") }.count == 1)
            #expect(labels.filter { $0.hasPrefix("🏥 حضوری · ") }.count == 1)
            #expect(choose.buttons.last?.map(\.data) == ["cancel"])
            #expect(choose.buttons.last?.map(\.label) == ["❌ انصراف"])
            let online = try #require(choose.data(of: "🌐 آنلاین"))
            #expect(online.hasPrefix("pick:"))

            let picked = try await bot.tap(2001, online)
            #expect(picked.answer == nil)
            let confirm = try #require(picked.replies.first)
            #expect(confirm.text.hasPrefix("دنبال کردن نوبت‌های دکتر هدیه جباری\n🌐 آنلاین · "))
            #expect(confirm.text.hasSuffix("\nتأیید می‌کنید؟"))
            #expect(confirm.allButtons.map(\.label) == ["✅ تأیید", "❌ انصراف"])
            let subscribe = try #require(confirm.data(of: "تأیید"))
            #expect(subscribe == "sub:" + online.dropFirst("pick:".count))

            let done = try await bot.tap(2001, subscribe)
            #expect(done.answer == "انجام شد ✅")
            #expect(done.replies.count == 1)
            #expect(done.replies.first?.text.hasPrefix("✅ از این پس نوبت‌های خالی دکتر هدیه جباری (🌐 آنلاین · ") == true)
            let rows = try await bot.query(
                "SELECT target_id, active, window_days, mode, hour_from, hour_to, weekdays FROM subscriptions WHERE chat_id = 2001"
            )
            #expect(rows.count == 1)
            let (target, active, days, mode, from, to, weekdays) = try rows[0].decode(
                (String, Bool, Int, String, Int, Int, Int).self)
            #expect(target == Self.onlineTargetId)
            #expect(active && days == 30 && mode == "any" && from == 0 && to == 24 && weekdays == 127)

            // A double tap on the old confirm button doesn't subscribe twice.
            let again = try await bot.tap(2001, subscribe)
            #expect(again.replies.map(\.text) == ["شما همین حالا هم نوبت‌های دکتر هدیه جباری را در این مرکز دنبال می‌کنید."])
            #expect(try await bot.count("SELECT count(*) FROM subscriptions WHERE chat_id = 2001") == 1)
        }
    }

    @Test(
        "a slug, a percent-encoded URL, a URL pasted without /subscribe all resolve",
        arguments: [
            "/subscribe \(Paziresh24Fixture.recordedSlug)",
            "/subscribe https://www.paziresh24.com/dr/%D8%AF%DA%A9%D8%AA%D8%B1-%D9%87%D8%AF%DB%8C%D9%87-%D8%AC%D8%A8%D8%A7%D8%B1%DB%8C-0/?utm=x",
            "  \(recordedURL)  ",
            "/subscribe@\(botTestUsername) paziresh24.com/dr/\(Paziresh24Fixture.recordedSlug)",
        ])
    func inputForms(_ input: String) async throws {
        try await withBot { bot in
            let reply = try #require(await bot.say(2002, input).first)
            #expect(reply.text == "دکتر هدیه جباری\nکدام مرکز و خدمت را دنبال کنم؟", "\(input)")
            #expect(reply.allButtons.count == 3)
        }
    }

    @Test("the first subscription to a target publishes watch.requested; a second subscriber doesn't")
    func firstSubscriberPublishes() async throws {
        try await withBot { bot in
            try await WatchTap.shared.start()
            let doctor = bot.registerDoctor()
            for chat: Int64 in [2003, 2004] {
                let choose = try #require(await bot.say(chat, "/subscribe \(doctor.url)").first)
                #expect(choose.text == "دکتر سارا آزمون\nکدام مرکز و خدمت را دنبال کنم؟")
                let pick = try #require(choose.data(of: "🏥 حضوری · مطب تهران · ویزیت حضوری"))
                let confirm = try #require(await bot.tap(chat, pick).replies.first)
                _ = try await bot.tap(chat, try #require(confirm.data(of: "تأیید")))
            }
            let events = try await WatchTap.shared.waitForEvents(for: doctor.officeTargetId, count: 1)
            #expect(events.first?.schema == "watch.requested")
            #expect(events.first?.targetId == doctor.officeTargetId)
            #expect(try await WatchTap.shared.settledEvents(for: doctor.officeTargetId).count == 1)
            #expect(
                try await bot.count("SELECT count(*) FROM subscriptions WHERE target_id = \(doctor.officeTargetId) AND active")
                    == 2)
            // Nobody picked the online target: it was stored (for its button) but not requested.
            #expect(try await WatchTap.shared.settledEvents(for: try #require(doctor.onlineTargetId), settle: .zero).isEmpty)
        }
    }

    @Test("no link, a foreign link, a malformed one, an unknown doctor, paziresh24 down, nothing bookable")
    func lookupFailures() async throws {
        try await withBot { bot in
            let fa = BotText(.persian)
            try await bot.expectReply(2005, "/subscribe", fa.subscribeUsage)
            try await bot.expectReply(2005, "/subscribe https://example.com/dr/someone/", fa.malformedLink)
            try await bot.expectReply(2005, "/subscribe https://www.paziresh24.com/", fa.malformedLink)
            try await bot.expectReply(2005, "/subscribe http://paziresh24.com.evil.example/dr/x/", fa.malformedLink)
            // Words that are not a link are a name search (issue #14): nobody by that name.
            try await bot.expectReply(2005, "/subscribe this is not a link", fa.noDoctorFound)
            try await bot.expectReply(2005, "/subscribe دکتر-ناموجود-0", fa.doctorNotFound)
            #expect(fa.doctorNotFound == "پزشکی با این نشانی در پذیرش۲۴ پیدا نشد. لینک را بررسی کنید.")

            let down = bot.registerDoctor()
            bot.paziresh24.addFaults(
                Paziresh24FaultPlan(target: "profile:\(down.slug)", faults: [.init(kind: .serverError, count: 5, status: 503)]))
            try await bot.expectReply(2005, "/subscribe \(down.url)", fa.sourceUnavailable)

            let closed = bot.registerDoctor(bookable: false)
            try await bot.expectReply(2005, "/subscribe \(closed.url)", fa.noBookableService)
            #expect(try await bot.count("SELECT count(*) FROM subscriptions") == 0)
        }
    }

    @Test("at most N subscriptions per user; the limit reply uses Persian digits")
    func subscriptionLimit() async throws {
        try await withBot(maxSubscriptions: 2) { bot in
            let doctors = [bot.registerDoctor(), bot.registerDoctor()]
            var picks: [String] = []
            for doctor in doctors {
                let choose = try #require(await bot.say(2006, "/subscribe \(doctor.url)").first)
                picks += choose.allButtons.map(\.data).filter { $0.hasPrefix("pick:") }
            }
            #expect(picks.count == 4)
            var outcomes: [String] = []
            for pick in picks {
                outcomes.append(try await bot.tap(2006, "sub:" + pick.dropFirst("pick:".count)).replies.first?.text ?? "")
            }
            #expect(outcomes.prefix(2).allSatisfy { $0.hasPrefix("✅") })
            let limit = "حداکثر ۲ اشتراک مجاز است. ابتدا با /unsubscribe یکی را حذف کنید."
            #expect(Array(outcomes.suffix(2)) == [limit, limit])
            #expect(try await bot.count("SELECT count(*) FROM subscriptions WHERE chat_id = 2006") == 2)
        }
    }

    @Test("the default limit is ten")
    func defaultLimit() {
        #expect(Conversation.Settings().maxSubscriptions == 10)
    }
}
