import BotAdapters
import BotApp
import BotDomain
import Foundation
import Localization
import Testing

@Suite("BotText")
struct BotTextTests {
    let fa = BotText(.persian)
    let en = BotText(.english)

    @Test("/start explains the bot in three numbered lines")
    func welcome() {
        for text in [fa.welcome, en.welcome] {
            let numbered = text.split(separator: "\n").filter { $0.first.map { "1۱2۲3۳".contains($0) } == true }
            #expect(numbered.count == 3, "\(text)")
        }
    }

    @Test("numbers and dates in Persian use Persian digits and the Jalali calendar in Tehran time")
    func persianDigits() {
        #expect(fa.subscriptionLimit(10) == "حداکثر ۱۰ اشتراک مجاز است. ابتدا با /unsubscribe یکی را حذف کنید.")
        #expect(en.subscriptionLimit(10) == "You can have at most 10 subscriptions. Remove one with /unsubscribe first.")
        // 2026-10-06 11:30 UTC = 15:00 in Tehran, 14 Mehr 1405.
        let checked = Date(timeIntervalSince1970: 1_791_286_200)
        #expect(fa.lastCheck(at: checked, outcome: .noSlots) == "آخرین بررسی: ۱۴۰۵/۰۷/۱۴ ۱۵:۰۰ — نوبت خالی ندارد")
        #expect(fa.lastCheck(at: checked, outcome: .error) == "آخرین بررسی: ۱۴۰۵/۰۷/۱۴ ۱۵:۰۰ — خطا در بررسی")
        #expect(en.lastCheck(at: checked, outcome: .ok) == "Last check: 1405/07/14 15:00 — has free slots")
        #expect(
            fa.filtersSummary(days: 14, mode: .online, hourFrom: 8, hourTo: 20, weekdays: 0b0111110)
                == "فیلترها: ۱۴ روز آینده · فقط آنلاین · ساعت ۸ تا ۲۰ · دوشنبه، سه‌شنبه، چهارشنبه، پنجشنبه، جمعه")
        #expect(fa.stats(users: 1200, activeUsers: 1100, subscriptions: 3, targets: 2, sentToday: 0).contains("۱۲۰۰"))
    }

    @Test("free slots: the first five, then how many more")
    func freeNow() {
        let start = Date(timeIntervalSince1970: 1_791_286_200)
        let slots = (0..<7).map { start.addingTimeInterval(Double($0) * 600) }
        #expect(fa.freeNow([]) == "نوبت خالی فعلی: —")
        #expect(fa.freeNow(Array(slots.prefix(2))) == "نوبت خالی فعلی: ۱۴۰۵/۰۷/۱۴ ۱۵:۰۰، ۱۴۰۵/۰۷/۱۴ ۱۵:۱۰")
        #expect(fa.freeNow(slots).hasSuffix("۱۴۰۵/۰۷/۱۴ ۱۵:۴۰ و ۲ نوبت دیگر"))
        #expect(fa.freeNow(Array(slots.prefix(3)), total: 40).hasSuffix(" و ۳۷ نوبت دیگر"))
        #expect(en.freeNow(slots, total: 9).hasSuffix("1405/07/14 15:40 and 4 more"))
    }

    @Test("online and in-person targets are labelled as such")
    func targetLabels() {
        #expect(fa.targetLabel(center: "مطب", service: "ویزیت", isOnline: false) == "🏥 حضوری · مطب · ویزیت")
        #expect(fa.targetLabel(center: "ویزیت آنلاین", service: "مشاوره", isOnline: true) == "🌐 آنلاین · ویزیت آنلاین · مشاوره")
        #expect(en.targetLabel(center: "Office", service: "Visit", isOnline: false) == "🏥 in person · Office · Visit")
    }

    @Test("every text is short enough for Telegram (messages 4,096; toasts 200)")
    func lengths() {
        for text in [fa, en] {
            for message in [text.welcome, text.help, text.filtersUsage, text.stopConfirm, text.internalError] {
                #expect(message.utf16.count < 4096)
            }
            for toast in [text.expired, text.cancelled, text.done, text.flood, text.internalError] {
                #expect(toast.count <= 200)
            }
        }
    }
}
