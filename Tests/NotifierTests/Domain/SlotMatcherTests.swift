import CivilTime
import Foundation
import Localization
import Messaging
import NotifierAdapters
import NotifierDomain
import TestSupport
import Testing

@Suite("Notifier domain")
struct SlotMatcherTests {
    // 2026-10-06 15:00 Tehran, Tuesday (JS weekday 2).
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)
    var now: Date { t0.addingTimeInterval(-3600) }
    let doctor = DoctorRef(slug: "dr-a", displayName: "هدیه جباری", specialty: "قلب")
    let online = CenterRef(id: "5532", name: "ویزیت آنلاین پذیرش24", userCenterId: "u", isOnline: true)
    var noticeDoctor: Doctor { FoundSlot(slot(0)).doctor }
    var noticeCenter: Center { FoundSlot(slot(0)).center }

    func slot(_ minutes: Int, target: String = "5532:s", poll: UUID = UUID()) -> SlotFoundV1 {
        let start = t0.addingTimeInterval(TimeInterval(minutes * 60))
        return SlotFoundV1(
            targetId: target, doctor: doctor, center: online, serviceId: "s", slot: SlotTime(start: start, end: start + 600),
            bookingURL: "https://www.paziresh24.com/dr/dr-a/", observedAt: now, pollId: poll)
    }

    @Test("filters: window, mode, hours, weekdays")
    func filters() {
        var f = SubscriptionFilters.default
        #expect(f.accepts(SlotFacts(start: t0, isOnline: true), now: now))
        #expect(!f.accepts(SlotFacts(start: now.addingTimeInterval(-1), isOnline: true), now: now), "past slot")
        f.windowDays = 1
        #expect(!f.accepts(SlotFacts(start: now.addingTimeInterval(2 * 86_400), isOnline: true), now: now))
        f = .default
        f.mode = .inPerson
        #expect(!f.accepts(SlotFacts(start: t0, isOnline: true), now: now))
        f.mode = .online
        #expect(f.accepts(SlotFacts(start: t0, isOnline: true), now: now))
        f = .default
        f.hourFrom = 8
        f.hourTo = 15
        #expect(!f.accepts(SlotFacts(start: t0, isOnline: true), now: now), "15:00 is outside [8, 15)")
        f.hourTo = 16
        #expect(f.accepts(SlotFacts(start: t0, isOnline: true), now: now))
        f = .default
        f.weekdays = 1 << 2
        #expect(f.accepts(SlotFacts(start: t0, isOnline: true), now: now))
        f.weekdays = 1 << 3
        #expect(!f.accepts(SlotFacts(start: t0, isOnline: true), now: now))
    }

    @Test("slots of one doctor that arrive together become one notice per user, earliest first")
    func coalesces() {
        let subscribers = [
            Subscriber(chatId: 1, targetId: "5532:s", language: .persian, filters: .default),
            Subscriber(
                chatId: 2, targetId: "5532:s", language: .english,
                filters: SubscriptionFilters(windowDays: 30, mode: .inPerson, hourFrom: 0, hourTo: 24, weekdays: 127)),
            Subscriber(chatId: 3, targetId: "other", language: .persian, filters: .default),
        ]
        let notices = SlotMatcher.notices(
            for: [slot(20), slot(0), slot(10), slot(0)].map(FoundSlot.init), subscribers: subscribers, now: now)
        #expect(notices.count == 1)
        #expect(notices[0].chatId == 1)
        #expect(notices[0].slots.map { TehranTime.hourMinute($0.start) } == ["15:00", "15:10", "15:20"])
        #expect(LedgerKey.keys(of: notices[0]).count == 3)
    }

    @Test("the Persian message lists at most ten slots, Jalali dates, Persian digits, and 'N more'")
    func composer() {
        let notice = Notice(
            chatId: 1, language: .persian, targetId: "5532:s", doctor: noticeDoctor, center: noticeCenter,
            bookingURL: "https://www.paziresh24.com/dr/dr-a/", slots: (0..<13).map { FoundSlot(slot($0 * 10)).slot }, observedAt: now)
        let text = NoticeComposer().text(for: notice)
        #expect(text.contains("هدیه جباری"))
        #expect(text.contains("سه‌شنبه ۱۴ مهر ۱۴۰۵، ساعت ۱۵:۰۰"))
        #expect(text.contains("ساعت ۱۵:۱۰"))
        #expect(text.contains("و ۳ نوبت دیگر"))
        #expect(text.components(separatedBy: "\n• ").count - 1 == 10)
        #expect(text.contains("ویزیت آنلاین"))
        let english = NoticeComposer().text(
            for: Notice(
                chatId: 1, language: .english, targetId: "5532:s", doctor: noticeDoctor, center: noticeCenter, bookingURL: "u",
                slots: [FoundSlot(slot(0)).slot], observedAt: now))
        #expect(english.contains("Tuesday 14 Mehr 1405, 15:00"))
    }

    @Test("token bucket: burst, then refill per day")
    func bucket() {
        let bucket = TokenBucket.perDay(10, burst: 3)
        var tokens = 3.0
        var at = now
        var granted = 0
        for _ in 0..<5 {
            let r = bucket.take(tokens: tokens, updatedAt: at, now: now)
            tokens = r.tokens
            at = now
            if r.granted { granted += 1 }
        }
        #expect(granted == 3)
        let later = now.addingTimeInterval(86_400 / 10)
        #expect(bucket.take(tokens: tokens, updatedAt: at, now: later).granted)
    }

    @Test("the notifier decodes every slot.found golden fixture and dead-letters the rejected ones")
    func goldenFixtures() throws {
        let decoder = MessageDecoder(accepting: [SlotFoundV1.schema])
        for fixture in try GoldenFixtures.allVersions(of: "slot.found") {
            guard case .slotFound = try decoder.decode(value: fixture.bytes, headers: GoldenFixtures.headers(for: fixture.bytes)) else {
                Issue.record("\(fixture.name) is not a slot.found")
                continue
            }
        }
        for fixture in try GoldenFixtures.rejected() {
            do {
                _ = try decoder.decode(value: fixture.bytes, headers: GoldenFixtures.headers(for: fixture.bytes))
                Issue.record("\(fixture.name) decoded")
            } catch {
                #expect(error.reason == GoldenFixtures.expectedReason(forRejected: fixture.name), "\(fixture.name)")
            }
        }
    }
}
