import Foundation
import Localization
import Testing
import UserTexts

@Suite("NoticeMessage")
struct NoticeMessageTests {
    /// Every key, with ASCII arguments (the English checks look for Persian script the catalogue added).
    static let samples: [NoticeMessage] = [
        .found, .doctor(name: "Jabbari", specialty: "Dermatology"), .doctor(name: "Jabbari", specialty: nil),
        .center(name: "Clinic", isOnline: true), .center(name: "Clinic", isOnline: false), .stillFreeHeading,
        .slotAtTime(date: "Tuesday 14 Mehr 1405", time: "15:00"), .slotOnDay(date: "Tuesday 14 Mehr 1405"),
        .more(TextProperties.number), .bookingHint, .bookButton,
        .foundAt(time: "21:30", date: nil), .foundAt(time: "21:30", date: "Tuesday 14 Mehr 1405"),
        .onlinePrice(toman: "80,000"), .stillFreeButton,
    ]

    @Test("every key renders a non-empty text in both languages, and the two differ", arguments: samples)
    func rendersInBothLanguages(_ message: NoticeMessage) {
        let persian = Catalogue.text(message, .persian)
        let english = Catalogue.text(message, .english)
        #expect(!persian.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(!english.trimmingCharacters(in: .whitespaces).isEmpty)
        #expect(persian != english)
        #expect(TextProperties.hasArabicScript(persian), "the Persian catalogue wrote no Persian: \(persian)")
        #expect(!TextProperties.hasArabicScript(english), "the English catalogue wrote Persian: \(english)")
    }

    @Test("a count is written in Persian digits in Persian and in ASCII digits in English")
    func digits() {
        let persian = Catalogue.text(NoticeMessage.more(TextProperties.number), .persian)
        #expect(persian.contains(TextProperties.persianNumber))
        #expect(!persian.contains { $0.isASCIIDigit }, "\(persian)")
        #expect(Catalogue.text(NoticeMessage.more(TextProperties.number), .english).contains(TextProperties.asciiNumber))
    }

    @Test("the specialty follows the doctor's name only when it is known")
    func specialty() {
        #expect(Catalogue.text(NoticeMessage.doctor(name: "هدیه جباری", specialty: nil), .persian) == "👨‍⚕️ دکتر هدیه جباری")
        #expect(
            Catalogue.text(NoticeMessage.doctor(name: "Jabbari", specialty: "Skin"), .english) == "👨‍⚕️ Dr. Jabbari — Skin")
    }

    @Test("the longest notice the composer can lay out (ten slots, still-free heading, long names) fits one Telegram message")
    func longestNoticeFits() {
        for language in Language.allCases {
            let longDate = language == .persian ? "چهارشنبه ۳۰ اردیبهشت ۱۴۰۵" : "Wednesday 30 Ordibehesht 1405"
            var lines: [NoticeMessage] = [
                .found, .doctor(name: TextProperties.longName, specialty: TextProperties.longName),
                .center(name: TextProperties.longName, isOnline: true), .stillFreeHeading, .more(Int(Int32.max)), .bookingHint,
            ]
            lines += Array(repeating: .slotOnDay(date: longDate), count: 10)
            let text = lines.map { Catalogue.text($0, language) }.joined(separator: "\n\n")
            #expect(text.utf16.count < TextProperties.telegramMessageLimit, "\(language): \(text.utf16.count)")
        }
        #expect(Catalogue.text(NoticeMessage.bookButton, .persian).count <= 64, "a button label should stay short")
    }
}

extension Character {
    /// `0`…`9` only (Persian digits are digits too, but not ASCII).
    var isASCIIDigit: Bool { isASCII && isNumber }
}
