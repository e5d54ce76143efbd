/// `sendMessage`'s `reply_markup`: an inline keyboard, a custom reply keyboard, or the removal of one.
public enum ReplyMarkup: Sendable, Hashable, Encodable {
    /// Buttons under the message.
    case inlineKeyboard(InlineKeyboardMarkup)
    /// A keyboard in place of the letter keyboard.
    case replyKeyboard(ReplyKeyboardMarkup)
    /// Take the reply keyboard away.
    case removeKeyboard(ReplyKeyboardRemove)

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .inlineKeyboard(let markup): try markup.encode(to: encoder)
        case .replyKeyboard(let markup): try markup.encode(to: encoder)
        case .removeKeyboard(let markup): try markup.encode(to: encoder)
        }
    }
}
