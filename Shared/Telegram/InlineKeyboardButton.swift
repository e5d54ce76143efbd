/// One button of an inline keyboard (Bot API `InlineKeyboardButton`); exactly one action is set.
public struct InlineKeyboardButton: Sendable, Hashable, Codable {
    /// Label.
    public var text: String
    /// HTTP(S) or tg:// URL opened on press.
    public var url: String?
    /// Data (1-64 bytes) sent back in a callback query on press.
    public var callbackData: String?

    /// Creates a button.
    public init(text: String, url: String? = nil, callbackData: String? = nil) {
        self.text = text
        self.url = url
        self.callbackData = callbackData
    }

    /// A button that opens a URL.
    public static func url(_ text: String, _ url: String) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, url: url)
    }

    /// A button that sends `data` back as a callback query.
    public static func callback(_ text: String, data: String) -> InlineKeyboardButton {
        InlineKeyboardButton(text: text, callbackData: data)
    }

    enum CodingKeys: String, CodingKey {
        case text, url
        case callbackData = "callback_data"
    }

    /// Lenient except for the label.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        text = try container.decode(String.self, forKey: .text)
        url = container.lenient(String.self, forKey: .url)
        callbackData = container.lenient(String.self, forKey: .callbackData)
    }
}
