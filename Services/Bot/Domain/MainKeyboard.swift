import Foundation
import Localization

/// The main reply keyboard `/start` and `/menu` show, and the one place that maps its button texts
/// (in either language) to the commands they stand for, so a tap does exactly what the command does.
public enum MainKeyboard {
    /// What a button does.
    public enum Action: Sendable, CaseIterable {
        /// Follow a doctor: `/subscribe`.
        case follow
        /// My list: `/status`.
        case list
        /// Filters: `/filters`.
        case filters
        /// Help: `/help`.
        case help
        /// Hide the keyboard: `/menu off`.
        case hide

        /// The command the button stands for.
        public var command: ParsedCommand {
            switch self {
            case .follow: ParsedCommand(name: BotCommand.subscribe.rawValue, arguments: "")
            case .list: ParsedCommand(name: BotCommand.status.rawValue, arguments: "")
            case .filters: ParsedCommand(name: BotCommand.filters.rawValue, arguments: "")
            case .help: ParsedCommand(name: BotCommand.help.rawValue, arguments: "")
            case .hide: ParsedCommand(name: BotCommand.menu.rawValue, arguments: MainKeyboard.hideArgument)
            }
        }
    }

    /// `/menu off`: the argument that hides the keyboard.
    public static let hideArgument = "off"

    /// The layout: two actions a row, "hide" alone at the bottom.
    static let layout: [[Action]] = [[.follow, .list], [.filters, .help], [.hide]]

    /// The keyboard in `text`'s language.
    public static func keyboard(_ text: BotText) -> ReplyKeyboard {
        .show(rows: layout.map { row in row.map(text.menuButton) }, placeholder: text.menuPlaceholder)
    }

    /// The action of a button text in either language (exact text, surrounding whitespace ignored),
    /// or nil for anything else the user typed.
    public static func action(forButton typed: String) -> Action? {
        let trimmed = typed.trimmingCharacters(in: .whitespacesAndNewlines)
        for language in Language.allCases {
            let text = BotText(language)
            if let action = Action.allCases.first(where: { text.menuButton($0) == trimmed }) { return action }
        }
        return nil
    }

    /// The command a button text stands for, or nil when it is not one of the keyboard's buttons.
    public static func command(forButton typed: String) -> ParsedCommand? {
        action(forButton: typed)?.command
    }
}
