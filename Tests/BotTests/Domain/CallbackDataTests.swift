import BotDomain
import Localization
import Testing

@Suite("CallbackData")
struct CallbackDataTests {
    static let every: [CallbackData] = [
        .pick(shortId: 1), .pick(shortId: .max), .pick(shortId: .min), .subscribe(shortId: .max),
        .unsubscribe(subscriptionId: .max), .unsubscribe(subscriptionId: .min), .stopConfirmed, .filter(.days(90)),
        .filter(.mode(.online)), .filter(.mode(.inPerson)), .filter(.mode(.any)), .filter(.hours(from: 23, to: 24)),
        .filter(.weekdays(127)), .filter(.weekdays(0b0100010)), .filter(.reset), .language(.persian), .language(.english),
        .cancel, .doctor(token: 1), .doctor(token: .max), .doctor(token: .min),
        .subscriptionFilter(subscriptionId: .max, .show), .subscriptionFilter(subscriptionId: .max, .weekdays(127)),
        .subscriptionFilter(subscriptionId: .min, .hours(from: 23, to: 24)), .subscriptionFilter(subscriptionId: 7, .days(14)),
        .subscriptionFilter(subscriptionId: 7, .mode(.inPerson)), .subscriptionFilter(subscriptionId: 7, .reset),
        .stillFree(firstSlotStartMilliseconds: 1_791_286_200_000), .stillFree(firstSlotStartMilliseconds: .max),
        .stillFree(firstSlotStartMilliseconds: .min),
    ]

    @Test("the notifier's 'still free?' data decodes: the format both sides pin (NoticeComposerTests.buttonRows)")
    func stillFreeFromTheNotifier() {
        #expect(CallbackData(decoding: "still:1791286200000") == .stillFree(firstSlotStartMilliseconds: 1_791_286_200_000))
        #expect(CallbackData.stillFree(firstSlotStartMilliseconds: 1_791_286_200_000).encoded == "still:1791286200000")
        #expect(CallbackData(decoding: "still:") == nil)
        #expect(CallbackData(decoding: "still:soon") == nil)
        #expect(CallbackData.actionLabel(of: "still:1") == "still")
    }

    @Test("every case, at its extremes, fits Telegram's 64 bytes and decodes back to itself", arguments: every)
    func roundTrip(_ data: CallbackData) {
        #expect(data.encoded.utf8.count <= CallbackData.maxBytes)
        #expect(CallbackData(decoding: data.encoded) == data)
    }

    @Test("the wire form of buttons already in users' chats is unchanged")
    func legacyForms() {
        #expect(CallbackData(decoding: "pick:12") == .pick(shortId: 12))
        #expect(CallbackData(decoding: "sub:12") == .subscribe(shortId: 12))
        #expect(CallbackData(decoding: "unsub:7") == .unsubscribe(subscriptionId: 7))
        #expect(CallbackData(decoding: "stop:yes") == .stopConfirmed)
        #expect(CallbackData(decoding: "flt:days 14") == .filter(.days(14)))
        #expect(CallbackData(decoding: "flt:mode inperson") == .filter(.mode(.inPerson)))
        #expect(CallbackData(decoding: "flt:reset") == .filter(.reset))
        #expect(CallbackData(decoding: "lang:en") == .language(.english))
        #expect(CallbackData(decoding: "sflt:12") == .subscriptionFilter(subscriptionId: 12, .show))
        #expect(CallbackData(decoding: "sflt:12:days 14") == .subscriptionFilter(subscriptionId: 12, .days(14)))
        #expect(CallbackData(decoding: "sflt:12:") == nil)
        #expect(CallbackData(decoding: "sflt:x:days 14") == nil)
        #expect(CallbackData.actionLabel(of: "sflt:12") == "sflt")
        #expect(CallbackData(decoding: "cancel") == .cancel)
        #expect(CallbackData(decoding: "doc:3") == .doctor(token: 3))
        #expect(CallbackData.doctor(token: 3).encoded == "doc:3")
        #expect(CallbackData.pick(shortId: 12).encoded == "pick:12")
        #expect(CallbackData.filter(.mode(.inPerson)).encoded == "flt:mode inperson")
        #expect(CallbackData.language(.persian).encoded == "lang:fa")
    }

    @Test(
        "malformed, unknown, stale or oversized data decodes to nil",
        arguments: [
            "", "pick", "pick:", "pick:x", "sub:1.5", "unsub:", "stop:no", "flt:", "flt:show", "flt:days 0", "lang:de",
            "noop", ":pick", "doc:", "doc:دکتر-هدیه-جباری-0", "unsub:" + String(repeating: "0", count: 60) + "1",
        ])
    func malformed(_ data: String) {
        #expect(CallbackData(decoding: data) == nil)
    }

    @Test("the metrics label names known actions only")
    func actionLabel() {
        #expect(CallbackData.actionLabel(of: "pick:zz") == "pick")
        #expect(CallbackData.actionLabel(of: "stop:no") == "stop")
        #expect(CallbackData.actionLabel(of: "whatever") == "unknown")
    }
}
