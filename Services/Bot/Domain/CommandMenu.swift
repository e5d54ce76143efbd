import Localization

/// The command menu Telegram shows when a user types `/` (`setMyCommands`), and the bot's
/// descriptions, built from `BotText` so they read like everything else the bot says.
public enum CommandMenu {
    /// The commands listed, in order (`/stats` is for admins and stays out of the menu).
    public static let commands: [BotCommand] = [
        .start, .subscribe, .status, .filters, .unsubscribe, .pause, .resume, .language, .menu, .help, .stop,
    ]

    /// The menu in `language`: (command name without `/`, description).
    public static func entries(_ language: Language) -> [(command: String, description: String)] {
        let text = BotText(language)
        return commands.map { ($0.rawValue, text.menuDescription($0)) }
    }
}
