import Localization
import UserTexts

/// The texts of the command menu and the main keyboard (issue #15): `MenuMessage` keys, named
/// by the bot's `BotCommand` and `MainKeyboard.Action`.
extension BotText {
    /// A command's line in Telegram's `/` menu (1-256 characters).
    public func menuDescription(_ command: BotCommand) -> String { say(MenuMessage.commandDescription(command.menuKey)) }

    /// Shown in an empty chat with the bot (at most 512 characters).
    public var botDescription: String { say(MenuMessage.botDescription) }

    /// On the bot's profile page and in shared links (at most 120 characters).
    public var botShortDescription: String { say(MenuMessage.botShortDescription) }

    /// A button of the main keyboard (its exact text is what a tap sends back).
    public func menuButton(_ action: MainKeyboard.Action) -> String { say(MenuMessage.button(action.buttonKey)) }

    /// The input field's placeholder while the keyboard is shown (1-64 characters).
    public var menuPlaceholder: String { say(MenuMessage.placeholder) }

    /// `/menu`: the keyboard is back.
    public var menuShown: String { say(MenuMessage.shown) }

    /// `/menu off` or the «بستن منو» button.
    public var menuHidden: String { say(MenuMessage.hidden) }
}

extension BotCommand {
    /// The command's key in the menu texts.
    var menuKey: MenuMessage.Command {
        switch self {
        case .start: .start
        case .help: .help
        case .subscribe: .subscribe
        case .unsubscribe: .unsubscribe
        case .status: .status
        case .filters: .filters
        case .pause: .pause
        case .resume: .resume
        case .stop: .stop
        case .language: .language
        case .stats: .stats
        case .menu: .menu
        }
    }
}

extension MainKeyboard.Action {
    /// The button's key in the menu texts.
    var buttonKey: MenuMessage.Button {
        switch self {
        case .follow: .follow
        case .list: .list
        case .filters: .filters
        case .help: .help
        case .hide: .hide
        }
    }
}
