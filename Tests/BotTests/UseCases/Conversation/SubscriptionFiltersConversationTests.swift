import BotDomain
import BotTestSupport
import Foundation
import Localization
import Testing

/// Filters per subscription: «⚙️ فیلتر N» under `/status`, quick choices and typed changes that
/// touch only that subscription; `/filters` alone still changes them all.
@Suite("Conversation: filters per subscription")
struct SubscriptionFiltersConversationTests {
    /// A rig where chat 1 follows both of the doctor's targets; returns them in `/status` order.
    private func twoSubscriptions() async throws -> (ConversationRig, [SubscriptionView]) {
        let rig = ConversationRig()
        try await rig.say(1, "/start")
        let stored = try await rig.store.saveDoctor(rig.doctor, targets: rig.targets)
        for target in stored { try await rig.tap(1, CallbackData.subscribe(shortId: target.shortId).encoded) }
        let views = try await rig.store.subscriptions(chatId: 1)
        #expect(views.count == 2)
        return (rig, views)
    }

    @Test("/status numbers the subscriptions and gives each a «⚙️ فیلتر N» button for its own filters")
    func statusButtons() async throws {
        let (rig, views) = try await twoSubscriptions()
        try await rig.say(1, "/status")
        let status = try #require(await rig.messenger.last(to: 1))
        #expect(status.text.contains("۱. 👨‍⚕️ دکتر") && status.text.contains("۲. 👨‍⚕️ دکتر"))
        #expect(
            status.keyboard == [
                [
                    .callback("⚙️ فیلتر ۱", .subscriptionFilter(subscriptionId: views[0].id, .show)),
                    .callback("⚙️ فیلتر ۲", .subscriptionFilter(subscriptionId: views[1].id, .show)),
                ]
            ])
    }

    @Test("the button shows that subscription's filters with quick choices that change it alone")
    func quickChoice() async throws {
        let (rig, views) = try await twoSubscriptions()
        let fa = BotText(.persian)
        try await rig.tap(1, CallbackData.subscriptionFilter(subscriptionId: views[1].id, .show).encoded)
        let shown = try #require(await rig.messenger.last(to: 1))
        #expect(shown.text.hasPrefix("⚙️ فیلترهای این اشتراک (فقط همین):"))
        #expect(shown.text.contains(fa.subscriptionFiltersUsage(id: views[1].id)))
        let fourteen = try #require(shown.keyboard?.flatMap { $0 }.first { $0.text == fa.filterDaysButton(14) })
        #expect(fourteen.callbackData == "sflt:\(views[1].id):days 14")
        try await rig.tap(1, try #require(fourteen.callbackData), id: "q1")
        #expect(await rig.messenger.answers.last == .init(id: "q1", text: fa.done))
        let saved = try #require(await rig.messenger.last(to: 1)).text
        #expect(saved.hasPrefix(fa.subscriptionFiltersSaved) && saved.contains("فیلترها: ۱۴ روز آینده"))
        let after = try await rig.store.subscriptions(chatId: 1)
        #expect(after.map(\.filters.windowDays) == [30, 14])
    }

    @Test("typed: /filters <id> with spaces, ZWNJ, Arabic letters and Persian digits changes that one only")
    func typed() async throws {
        let (rig, views) = try await twoSubscriptions()
        let id = views[0].id
        try await rig.say(1, "/filters \(id) روزها سه شنبه، پنج‌شنبه")
        try await rig.say(1, "/filters #\(id) ساعت ١٨:٣٠ تا ۲۲")
        #expect(try #require(await rig.lastText(1)).hasPrefix(BotText(.persian).subscriptionFiltersSaved))
        let after = try await rig.store.subscriptions(chatId: 1)
        #expect(after[0].filters == WatchFilters.defaults.applying(.weekdays(1 << 2 | 1 << 4)).applying(.hours(from: 18, to: 22)))
        #expect(after[1].filters == .defaults)
        // /filters without an id still changes every subscription.
        try await rig.say(1, "/filters روز ۷")
        #expect(try await rig.store.subscriptions(chatId: 1).map(\.filters.windowDays) == [7, 7])
    }

    @Test("someone else's subscription, or a removed one, is not found and nothing changes")
    func notFound() async throws {
        let (rig, views) = try await twoSubscriptions()
        try await rig.say(2, "/start")
        try await rig.say(2, "/filters \(views[0].id) روز ۷")
        #expect(await rig.lastText(2) == BotText(.persian).subscriptionNotFound)
        try await rig.tap(2, CallbackData.subscriptionFilter(subscriptionId: views[0].id, .days(7)).encoded, id: "q2")
        #expect(await rig.messenger.answers.last?.text == nil)
        #expect(try await rig.store.subscriptions(chatId: 1).map(\.filters) == [.defaults, .defaults])
    }
}
