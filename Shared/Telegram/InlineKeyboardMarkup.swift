/// An inline keyboard attached to a message (Bot API `InlineKeyboardMarkup`).
public struct InlineKeyboardMarkup: Sendable, Hashable, Codable {
    /// Rows of buttons.
    public var inlineKeyboard: [[InlineKeyboardButton]]

    /// Creates a keyboard from rows.
    public init(inlineKeyboard: [[InlineKeyboardButton]]) {
        self.inlineKeyboard = inlineKeyboard
    }

    /// Creates a keyboard from rows.
    public init(_ rows: [[InlineKeyboardButton]]) {
        self.inlineKeyboard = rows
    }

    enum CodingKeys: String, CodingKey {
        case inlineKeyboard = "inline_keyboard"
    }
}
