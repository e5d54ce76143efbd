import Foundation
import Localization
import Testing
import UserTexts

/// The bot's areas (`ChatMessage`, `SubscriptionMessage`, `FilterMessage`, `MenuMessage`).
@Suite("Bot messages")
struct BotMessageTests {
    /// Keys whose text names a language in its own script, so either catalogue may hold the other script.
    static func namesALanguage(_ key: String) -> Bool {
        key.hasPrefix("languageName") || key == "commandDescription(UserTexts.MenuMessage.Command.language)"
    }

    @Test("every key renders a non-empty text in both languages, Persian in Persian script, English without it")
    func everyKeyInBothLanguages() {
        let persian = Samples.all(.persian)
        let english = Samples.all(.english)
        #expect(persian.count == english.count)
        for (fa, en) in zip(persian, english) {
            #expect(!fa.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(fa.key)")
            #expect(!en.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "\(en.key)")
            if Self.namesALanguage(fa.key) { continue }
            #expect(fa.text != en.text, "\(fa.key) reads the same in both languages")
            #expect(TextProperties.hasArabicScript(fa.text), "\(fa.key): no Persian in the Persian text: \(fa.text)")
            #expect(!TextProperties.hasArabicScript(en.text), "\(en.key): Persian in the English text: \(en.text)")
        }
    }

    @Test("a language button reads the language's own name whatever the user's language")
    func languageNames() {
        for language in Language.allCases {
            #expect(Catalogue.text(ChatMessage.languageName(.persian), language) == "فارسی")
            #expect(Catalogue.text(ChatMessage.languageName(.english), language) == "English")
        }
    }

    @Test("numbers and dates given as arguments are written in Persian digits in Persian, ASCII in English")
    func digits() {
        let numbered: [any UserMessage] = [
            ChatMessage.stats(users: Samples.n, activeUsers: 1, subscriptions: 1, targets: 1, sentToday: 1),
            SubscriptionMessage.subscriptionLimit(Samples.n), SubscriptionMessage.listNumber(Samples.n),
            SubscriptionMessage.freeNow(slots: Samples.slots, total: Samples.n + 5),
            SubscriptionMessage.freeNowOnSubscribe(slots: Samples.slots, total: Samples.n + 5), FilterMessage.daysButton(Samples.n),
            FilterMessage.summary(days: Samples.n, mode: .any, hourFrom: 8, hourTo: 20, weekdays: 127),
            FilterMessage.subscriptionButton(number: Samples.n),
        ]
        for message in numbered {
            let persian = message.text(.persian)
            #expect(persian.contains(TextProperties.persianNumber), "\(message): \(persian)")
            #expect(!persian.contains { $0.isASCIIDigit }, "\(message): \(persian)")
            #expect(message.text(.english).contains(TextProperties.asciiNumber), "\(message)")
        }
        let dated: [any UserMessage] = [
            SubscriptionMessage.lastCheck(at: Samples.date, result: .noFreeSlots),
            SubscriptionMessage.doctorChoice(name: "N", specialty: nil, city: nil, earliest: Samples.date),
        ]
        for message in dated {
            #expect(message.text(.persian).contains("۱۴۰۵/۰۷/۱۴ ۱۵:۰۰"), "\(message)")
            #expect(!message.text(.persian).contains { $0.isASCIIDigit }, "\(message)")
            #expect(message.text(.english).contains("1405/07/14 15:00"), "\(message)")
        }
    }

    @Test("a subscription's id in a command to type stays in ASCII digits, in Persian too (it is input to copy)")
    func commandIdsStayASCII() {
        let persian = Catalogue.text(FilterMessage.subscriptionUsage(id: 4242), .persian)
        #expect(persian.split(separator: "\n").dropFirst().allSatisfy { $0.hasPrefix("/filters 4242 ") }, "\(persian)")
    }

    @Test("free slots list the first five, then how many more of the total")
    func freeSlotListing() {
        let persian = Catalogue.text(SubscriptionMessage.freeNow(slots: Samples.slots, total: 40), .persian)
        #expect(persian.components(separatedBy: "۱۴۰۵/").count - 1 == 5)
        #expect(persian.hasSuffix(" و ۳۵ نوبت دیگر"))
        let english = Catalogue.text(SubscriptionMessage.freeNowOnSubscribe(slots: Array(Samples.slots.prefix(2)), total: 2), .english)
        #expect(english == "🟢 Free right now:\n• 1405/07/14 15:00\n• 1405/07/14 16:00")
    }

    @Test("a filter summary names the chosen weekdays, or every day for all seven")
    func weekdays() {
        let some = Catalogue.text(FilterMessage.summary(days: 14, mode: .online, hourFrom: 8, hourTo: 20, weekdays: 0b1000001), .persian)
        #expect(some.hasSuffix("· یکشنبه، شنبه"))
        let all = Catalogue.text(FilterMessage.summary(days: 14, mode: .any, hourFrom: 8, hourTo: 20, weekdays: 127), .english)
        #expect(all == "Filters: next 14 days · online and in person · 8:00–20:00 · every day")
    }

    @Test("the main keyboard's buttons are all different, across both languages (a typed text maps to one action)")
    func buttonsDistinct() {
        let texts = Language.allCases.flatMap { language in MenuMessage.Button.allCases.map { MenuMessage.button($0).text(language) } }
        #expect(Set(texts).count == texts.count)
    }

    @Test("Telegram's limits: messages 4,096, menu lines 256, descriptions 512 and 120, placeholder 64, toasts 200")
    func telegramLimits() {
        let manySlots = (0..<1_000).map { Samples.date.addingTimeInterval(Double($0) * 600) }
        let name = TextProperties.longName
        let largest: [any UserMessage] = [
            SubscriptionMessage.freeNow(slots: manySlots, total: Int(Int32.max)),
            SubscriptionMessage.freeNowOnSubscribe(slots: manySlots, total: Int(Int32.max)),
            SubscriptionMessage.doctorChoice(name: name, specialty: name, city: name, earliest: Samples.date),
            SubscriptionMessage.confirmSubscribe(doctor: name, target: name), SubscriptionMessage.subscribed(doctor: name, target: name),
            SubscriptionMessage.unsubscribeLabel(doctor: name, center: name, isOnline: false),
            FilterMessage.subscriptionHeader(doctor: name, target: name), FilterMessage.subscriptionUsage(id: Int64.max),
            ChatMessage.stats(users: .max, activeUsers: .max, subscriptions: .max, targets: .max, sentToday: .max),
        ]
        for language in Language.allCases {
            for message in largest {
                #expect(message.text(language).utf16.count < TextProperties.telegramMessageLimit, "\(message)")
            }
            for sample in Samples.all(language) {
                #expect(sample.text.utf16.count < TextProperties.telegramMessageLimit, "\(sample.key)")
            }
            for command in MenuMessage.Command.allCases {
                #expect((1...256).contains(MenuMessage.commandDescription(command).text(language).count), "\(command)")
            }
            #expect(MenuMessage.botDescription.text(language).count <= 512)
            #expect(MenuMessage.botShortDescription.text(language).count <= 120)
            #expect((1...64).contains(MenuMessage.placeholder.text(language).count))
            for toast in [ChatMessage.done, .cancelled, .expired, .flood, .internalError] {
                #expect(toast.text(language).count <= 200, "\(toast)")
            }
        }
    }
}
