/// A button of an inline keyboard.
public struct KeyboardButton: Sendable, Equatable {
    /// Label.
    public var text: String
    /// Callback data (≤ 64 bytes), or nil for a URL button.
    public var callbackData: String?
    /// URL to open.
    public var url: String?

    /// A callback button.
    public static func callback(_ text: String, _ data: CallbackData) -> KeyboardButton {
        KeyboardButton(text: text, callbackData: data.encoded, url: nil)
    }

    /// A URL button.
    public static func link(_ text: String, _ url: String) -> KeyboardButton {
        KeyboardButton(text: text, callbackData: nil, url: url)
    }
}
