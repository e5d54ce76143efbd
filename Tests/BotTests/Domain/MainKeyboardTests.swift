import BotDomain
import Localization
import Testing

/// The main keyboard's button texts and the commands they stand for.
@Suite("MainKeyboard")
struct MainKeyboardTests {
    @Test("every button, in either language, stands for its action's command", arguments: Language.allCases)
    func buttonsMapToCommands(language: Language) {
        let text = BotText(language)
        let expected: [MainKeyboard.Action: ParsedCommand] = [
            .follow: ParsedCommand(name: "subscribe", arguments: ""),
            .list: ParsedCommand(name: "status", arguments: ""),
            .filters: ParsedCommand(name: "filters", arguments: ""),
            .help: ParsedCommand(name: "help", arguments: ""),
            .hide: ParsedCommand(name: "menu", arguments: "off"),
        ]
        for action in MainKeyboard.Action.allCases {
            #expect(MainKeyboard.action(forButton: text.menuButton(action)) == action)
            #expect(MainKeyboard.command(forButton: text.menuButton(action)) == expected[action])
            #expect(MainKeyboard.command(forButton: "  " + text.menuButton(action) + "\n") == expected[action])
        }
    }

    @Test("the Persian buttons read as the issue asks; English ones for English users")
    func labels() {
        #expect(MainKeyboard.command(forButton: "بستن منو") == ParsedCommand(name: "menu", arguments: "off"))
        #expect(MainKeyboard.command(forButton: "Hide menu") == ParsedCommand(name: "menu", arguments: "off"))
        #expect(MainKeyboard.command(forButton: "📋 فهرست من")?.name == "status")
        #expect(MainKeyboard.command(forButton: "📋 My list")?.name == "status")
    }

    @Test("anything else is not a button: near misses, other text, a command")
    func notButtons() {
        for typed in ["", "فهرست من", "📋 فهرست", "menu", "/status", "بستن", "hide MENU", "📋 فهرست من!"] {
            #expect(MainKeyboard.command(forButton: typed) == nil, "\(typed)")
        }
    }

    @Test("the keyboard shows every action once, hide last, with a placeholder Telegram accepts", arguments: Language.allCases)
    func layout(language: Language) throws {
        let text = BotText(language)
        guard case .show(let rows, let placeholder) = MainKeyboard.keyboard(text) else {
            Issue.record("not a shown keyboard")
            return
        }
        #expect(rows.flatMap { $0 }.sorted() == MainKeyboard.Action.allCases.map(text.menuButton).sorted())
        #expect(rows.last == [text.menuButton(.hide)])
        #expect((1...64).contains(try #require(placeholder).count))
        #expect(Set(rows.flatMap { $0 }).count == MainKeyboard.Action.allCases.count)
    }
}
