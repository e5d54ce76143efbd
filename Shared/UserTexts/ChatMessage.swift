import Localization

/// What the bot says about the conversation itself: welcome, help, refusals, buttons and toasts
/// shared by every flow, `/pause`, `/resume`, `/stop`, `/language` and `/stats`.
public enum ChatMessage: UserMessage {
    /// `/start`: who the bot is, in three numbered lines.
    case welcome
    /// `/help`: every command with an example.
    case help
    /// A command the bot does not know (also `/stats` for non-admins).
    case unknownCommand
    /// Text that is not a command.
    case freeText
    /// Stickers, photos, voice and anything else without text.
    case nonText
    /// An edited message: never acted on.
    case editedIgnored
    /// A command in a group: how to use the bot in private.
    case groupChat
    /// A text over 4,096 characters.
    case tooLong
    /// Too many messages or taps in a short time.
    case flood
    /// The confirm button.
    case confirm
    /// The button that confirms `/stop`.
    case confirmDelete
    /// Toast after a change was made.
    case done
    /// The cancel button.
    case cancel
    /// Toast after cancel.
    case cancelled
    /// Toast for a stale, unknown or malformed button.
    case expired
    /// `/pause` done.
    case paused
    /// `/resume` done.
    case resumed
    /// `/stop`: what will be deleted, asking to confirm.
    case stopConfirm
    /// `/stop` done.
    case stopDone
    /// `/language` without a valid choice.
    case languageUsage
    /// The language was changed (say it in the new language).
    case languageSet
    /// A language's own name, the same in every catalogue (the buttons of `/language`).
    case languageName(Language)
    /// `/stats` for admins.
    case stats(users: Int, activeUsers: Int, subscriptions: Int, targets: Int, sentToday: Int)
    /// The share of paziresh24 requests kept for the bot is used up for the moment.
    case lookupBusy
    /// Something failed on our side.
    case internalError

    /// The text in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .persian: persian
        case .english: english
        }
    }
}
