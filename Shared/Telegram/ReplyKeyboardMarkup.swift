/// A custom keyboard that replaces the user's letter keyboard (Bot API `ReplyKeyboardMarkup`).
/// Tapping a button sends its text as an ordinary message.
public struct ReplyKeyboardMarkup: Sendable, Hashable, Codable {
    /// Rows of buttons.
    public var keyboard: [[ReplyKeyboardButton]]
    /// Keep it shown even when the user hides the regular keyboard.
    public var isPersistent: Bool?
    /// Fit the height to the rows instead of the standard keyboard's height.
    public var resizeKeyboard: Bool?
    /// Hide it after one tap.
    public var oneTimeKeyboard: Bool?
    /// Placeholder of the input field while it is shown (1-64 characters).
    public var inputFieldPlaceholder: String?

    /// Creates a keyboard.
    public init(
        keyboard: [[ReplyKeyboardButton]], isPersistent: Bool? = nil, resizeKeyboard: Bool? = nil,
        oneTimeKeyboard: Bool? = nil, inputFieldPlaceholder: String? = nil
    ) {
        self.keyboard = keyboard
        self.isPersistent = isPersistent
        self.resizeKeyboard = resizeKeyboard
        self.oneTimeKeyboard = oneTimeKeyboard
        self.inputFieldPlaceholder = inputFieldPlaceholder
    }

    enum CodingKeys: String, CodingKey {
        case keyboard
        case isPersistent = "is_persistent"
        case resizeKeyboard = "resize_keyboard"
        case oneTimeKeyboard = "one_time_keyboard"
        case inputFieldPlaceholder = "input_field_placeholder"
    }
}

/// A text button of a reply keyboard (Bot API `KeyboardButton` with only `text`): tapping it sends
/// the text. Named apart from the bot's own `KeyboardButton`.
public struct ReplyKeyboardButton: Sendable, Hashable, Codable {
    /// Text of the button, sent as a message when tapped.
    public var text: String

    /// Creates a button.
    public init(_ text: String) {
        self.text = text
    }
}

/// Removes the custom keyboard (Bot API `ReplyKeyboardRemove`).
public struct ReplyKeyboardRemove: Sendable, Hashable, Codable {
    /// Always true, as documented.
    public var removeKeyboard: Bool = true

    /// Creates the removal.
    public init() {}

    enum CodingKeys: String, CodingKey {
        case removeKeyboard = "remove_keyboard"
    }
}
