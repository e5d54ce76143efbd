import Foundation
import Localization
import NotifierAdapters
import NotifierDomain
import ServiceRuntime
import Telegram
import Testing

/// The notice's found time, online price and "still free?" button (issue #15 item 5).
@Suite("NoticeComposer")
struct NoticeComposerTests {
    /// 2026-10-06 11:30 UTC = 15:00 Tehran (Mehr 14, 1405).
    let slotStart = Date(timeIntervalSince1970: 1_791_286_200)
    /// 2026-10-05 18:00 UTC = 21:30 Tehran.
    let found = Date(timeIntervalSince1970: 1_791_223_200)

    func notice(_ language: Language, price: Int64? = nil, online: Bool = true, slots: Int = 1) -> Notice {
        Notice(
            chatId: 1, language: language, targetId: "5532:s1", doctor: Doctor(slug: "d", displayName: "هدیه جباری", specialty: nil),
            center: Center(name: "ویزیت آنلاین", isOnline: online), bookingURL: "https://www.paziresh24.com/dr/d/",
            slots: (0..<slots).map { SlotPeriod(start: slotStart + Double($0) * 600, end: slotStart + Double($0) * 600 + 600) },
            observedAt: found, onlinePriceRial: price)
    }

    @Test("the found time reads 'today' in Tehran on the day it was found, in Persian digits in Persian")
    func foundToday() {
        let sameEvening = found + 120
        #expect(NoticeComposer().text(for: notice(.persian), now: sameEvening).contains("🕒 پیدا شده: امروز ساعت ۲۱:۳۰"))
        #expect(NoticeComposer().text(for: notice(.english), now: sameEvening).contains("🕒 Found: today 21:30"))
    }

    @Test("a found time on another Tehran day than the sending carries its Jalali date")
    func foundOtherDay() {
        // 20:45 UTC the same Gregorian day is 00:15 the next day in Tehran.
        let nextTehranDay = found + 2.75 * 3600
        let persian = NoticeComposer().text(for: notice(.persian), now: nextTehranDay)
        #expect(persian.contains("🕒 پیدا شده: \(JalaliCalendar.longDate(found, language: .persian))، ساعت ۲۱:۳۰"), "\(persian)")
        #expect(!persian.contains("امروز"))
        let english = NoticeComposer().text(for: notice(.english), now: nextTehranDay)
        #expect(english.contains("🕒 Found: \(JalaliCalendar.longDate(found, language: .english)), 21:30"), "\(english)")
    }

    @Test("the online price in Toman (Rial / 10), grouped, with Persian digits and separator in Persian")
    func price() {
        let persian = NoticeComposer().text(for: notice(.persian, price: 800_000), now: found)
        #expect(persian.contains("💳 ویزیت آنلاین: ۸۰٬۰۰۰ تومان"), "\(persian)")
        let english = NoticeComposer().text(for: notice(.english, price: 12_345_670), now: found)
        #expect(english.contains("💳 Online visit: 1,234,567 Toman"), "\(english)")
        #expect(NoticeComposer().text(for: notice(.english, price: 5_000), now: found).contains("💳 Online visit: 500 Toman"))
    }

    @Test("no price known: no price line at all")
    func noPrice() {
        #expect(!NoticeComposer().text(for: notice(.persian), now: found).contains("💳"))
        #expect(!NoticeComposer().text(for: notice(.english), now: found).contains("💳"))
    }

    @Test("the booking row, then the 'still free?' row whose data names the first slot's start in ms (the bot's format)")
    func buttonRows() throws {
        let rows = try #require(Self.keyboard(notice(.persian, slots: 3)))
        #expect(rows.count == 2)
        #expect(rows[0].first?.url == "https://www.paziresh24.com/dr/d/")
        #expect(rows[1].first?.text == "🔄 هنوز آزاد است؟")
        // The exact string the bot's `CallbackData.stillFree` decodes (pinned on both sides).
        #expect(rows[1].first?.callbackData == "still:1791286200000")
        #expect(try #require(rows[1].first?.callbackData).utf8.count <= 64)
        #expect(Self.keyboard(notice(.english))?[1].first?.text == "🔄 Still free?")
    }

    /// The inline keyboard of the notice's sendMessage request (built without sending anything).
    static func keyboard(_ notice: Notice) -> [[InlineKeyboardButton]]? {
        let client = TelegramClient(configuration: TelegramConfiguration(token: "1:unused", baseURL: URL(string: "http://127.0.0.1:9")!))
        let sender = TelegramNoticeSender(
            api: client, pacer: SendPacer(globalRate: 30, perChatInterval: 1),
            logger: Logger(service: "notifier-test", instance: "t", level: .critical))
        guard case .inlineKeyboard(let markup)? = sender.request(for: notice).replyMarkup else { return nil }
        return markup.inlineKeyboard
    }

    @Test("a matched notice carries the price of its latest-observed slot that had one")
    func matcherKeepsLatestPrice() {
        let subscriber = Subscriber(chatId: 1, targetId: "5532:s1", language: .english, filters: .default)
        func found(_ offset: Double, price: Int64?) -> FoundSlot {
            FoundSlot(
                targetId: "5532:s1", doctor: Doctor(slug: "d", displayName: "D", specialty: nil), center: Center(name: "c", isOnline: true),
                bookingURL: "u", slot: SlotPeriod(start: slotStart + offset, end: slotStart + offset + 600),
                observedAt: self.found + offset, onlinePriceRial: price)
        }
        let notices = SlotMatcher.notices(
            for: [found(600, price: 900_000), found(0, price: 800_000), found(1200, price: nil)], subscribers: [subscriber], now: self.found
        )
        #expect(notices.count == 1)
        #expect(notices.first?.onlinePriceRial == 900_000)
        #expect(notices.first?.observedAt == self.found, "the found time is the earliest observation")
    }
}
