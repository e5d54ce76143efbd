import Localization

/// The bot's answer to a notice's "🔄 still free?" button: the latest known state of each slot,
/// one short line each (the dialog holds 200 characters). Times and dates arrive written in the
/// message's language and digits.
public enum SlotStateMessage: UserMessage {
    /// A slot the scraper saw disappear at `at`.
    case taken(at: String)
    /// A slot that has started (a free day: ended).
    case passed
    /// Free at the last successful check, at `at`.
    case free(at: String)
    /// No successful check since `since`, or that one is too old to vouch for the slot.
    case unknown(since: String)
    /// One line of the answer: the slot's label (`14 Mehr 15:00`) and its state.
    case line(slot: String, state: String)

    /// The text of this message in `language`.
    public func text(_ language: Language) -> String {
        switch language {
        case .persian: persian
        case .english: english
        }
    }
}
