/// A reply keyboard (the buttons shown in place of the user's letter keyboard), or its removal.
/// Tapping one of its buttons sends the button's text as an ordinary message.
public enum ReplyKeyboard: Sendable, Equatable {
    /// Show these rows of button texts, with an input-field placeholder.
    case show(rows: [[String]], placeholder: String?)
    /// Take the keyboard away.
    case remove
}
