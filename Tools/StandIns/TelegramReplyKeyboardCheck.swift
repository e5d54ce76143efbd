/// Checks a `ReplyKeyboardMarkup` against its Bot API 10.1 documentation (see
/// Fixtures/telegram/PROVENANCE.md): rows of `KeyboardButton` (or plain strings) with a non-empty
/// String `text`, Boolean options, a placeholder of 1-64 characters.
enum TelegramReplyKeyboardCheck {
    static let booleanFields = ["is_persistent", "resize_keyboard", "one_time_keyboard", "selective"]
    static let buttonFields: Set<String> = [
        "text", "icon_custom_emoji_id", "style", "request_users", "request_chat", "request_managed_bot",
        "request_contact", "request_location", "request_poll", "web_app",
    ]

    /// The description of the 400 Telegram gives, or nil when the keyboard is well formed.
    static func problem(inReplyKeyboard markup: TelegramJSON) -> String? {
        guard let rows = markup["keyboard"]?.arrayValue else {
            return "field \"keyboard\" of the ReplyKeyboardMarkup should be an Array of Arrays"
        }
        for row in rows {
            guard let buttons = row.arrayValue else {
                return "field \"keyboard\" of the ReplyKeyboardMarkup should be an Array of Arrays"
            }
            for button in buttons {
                let text: String?
                if let plain = button.stringValue {
                    text = plain
                } else if let object = button.objectValue {
                    if let unknown = Set(object.keys).subtracting(buttonFields).first {
                        return "can't parse keyboard button: unknown field \"\(unknown)\""
                    }
                    text = object["text"]?.stringValue
                    guard text != nil else { return "can't parse keyboard button: Field \"text\" must be of type String" }
                } else {
                    return "can't parse keyboard button: KeyboardButton must be a String or an Object"
                }
                if text?.isEmpty ?? true { return "keyboard button text must be non-empty" }
            }
        }
        for field in booleanFields {
            if let value = markup[field], case .bool = value {
            } else if markup[field] != nil {
                return "can't parse reply keyboard markup JSON object: Field \"\(field)\" must be of type Boolean"
            }
        }
        if let placeholder = markup["input_field_placeholder"] {
            guard let text = placeholder.stringValue, (1...64).contains(text.count) else {
                return "can't parse reply keyboard markup JSON object: input_field_placeholder must be 1-64 characters"
            }
        }
        return nil
    }
}
