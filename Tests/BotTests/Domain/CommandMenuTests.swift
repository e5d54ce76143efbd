import BotDomain
import Localization
import Telegram
import Testing

/// The `/` menu's content: every command Telegram accepts, in both languages, `/stats` left out.
@Suite("CommandMenu")
struct CommandMenuTests {
    @Test("every entry fits Telegram's BotCommand rules", arguments: Language.allCases)
    func entriesAreValid(language: Language) {
        let entries = CommandMenu.entries(language)
        #expect(entries.count == CommandMenu.commands.count)
        for entry in entries {
            #expect(BotMenuCommand(command: entry.command, description: entry.description).isValid, "\(entry)")
        }
        #expect(!entries.contains { $0.command == BotCommand.stats.rawValue })
        #expect(Set(entries.map(\.command)).count == entries.count)
        let text = BotText(language)
        #expect((1...512).contains(text.botDescription.count))
        #expect((1...120).contains(text.botShortDescription.count))
    }

    @Test("every menu command is one the router knows")
    func routed() {
        for command in CommandMenu.commands {
            #expect(
                CommandRouter.route(ParsedCommand(name: command.rawValue, arguments: ""), isAdmin: false)
                    == .command(command, arguments: ""))
        }
    }
}
