import Localization

/// Texts of Telegram's `/` command menu, the bot's descriptions and the main reply keyboard.
public enum MenuMessage: UserMessage {
    /// A command listed in the `/` menu (the bot's `BotCommand` maps onto it).
    public enum Command: Sendable, Hashable, CaseIterable {
        case start, help, subscribe, unsubscribe, status, filters, pause, resume, stop, language, stats, menu
    }

    /// A button of the main keyboard (the bot's `MainKeyboard.Action` maps onto it).
    public enum Button: Sendable, Hashable, CaseIterable {
        case follow, list, filters, help, hide
    }

    /// A command's line in Telegram's `/` menu (1-256 characters).
    case commandDescription(Command)
    /// Shown in an empty chat with the bot (at most 512 characters).
    case botDescription
    /// On the bot's profile page and in shared links (at most 120 characters).
    case botShortDescription
    /// A button of the main keyboard (its exact text is what a tap sends back).
    case button(Button)
    /// The input field's placeholder while the keyboard is shown (1-64 characters).
    case placeholder
    /// `/menu`: the keyboard is back.
    case shown
    /// `/menu off` or the «بستن منو» button.
    case hidden

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .persian: persian
        case .english: english
        }
    }
}
