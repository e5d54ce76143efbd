import Foundation
import Localization
import Testing
import UserTexts

@Suite("SlotStateMessage")
struct SlotStateMessageTests {
    /// Every state, with ASCII arguments.
    static let states: [SlotStateMessage] = [.taken(at: "21:30"), .passed, .free(at: "14 Mehr 21:30"), .unknown(since: "09:05")]

    @Test("every state renders in both languages, Persian script only in Persian, its time kept", arguments: states)
    func rendersInBothLanguages(_ message: SlotStateMessage) {
        let persian = Catalogue.text(message, .persian)
        let english = Catalogue.text(message, .english)
        #expect(persian != english)
        #expect(TextProperties.hasArabicScript(persian), "the Persian catalogue wrote no Persian: \(persian)")
        #expect(!TextProperties.hasArabicScript(english), "the English catalogue wrote Persian: \(english)")
        switch message {
        case .taken(let at), .free(let at), .unknown(since: let at):
            #expect(persian.contains(at) && english.contains(at))
        case .passed, .line:
            break
        }
    }

    @Test("a line is the slot's label, a colon, then its state; short enough for the 200-character dialog")
    func line() {
        let state = Catalogue.text(SlotStateMessage.free(at: "۲۱:۳۰"), .persian)
        let line = Catalogue.text(SlotStateMessage.line(slot: "۱۴ مهر ۱۵:۰۰", state: state), .persian)
        #expect(line == "۱۴ مهر ۱۵:۰۰: " + state)
        for language in Language.allCases {
            for message in Self.states {
                let text = Catalogue.text(SlotStateMessage.line(slot: "14 Mehr 15:00", state: Catalogue.text(message, language)), language)
                #expect(text.utf16.count <= 60, "one line leaves room for three in a dialog: \(text)")
            }
        }
    }
}
