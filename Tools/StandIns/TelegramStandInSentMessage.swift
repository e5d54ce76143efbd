/// One sendMessage call as the stand-in saw it (`GET /control/sent`).
public struct TelegramStandInSentMessage: Sendable, Codable, Equatable {
    /// When it arrived (RFC 3339, milliseconds, UTC).
    public var time: String
    /// `chat_id` as a number, when it was one.
    public var chatID: Int64?
    /// `text` exactly as sent (with markup).
    public var text: String?
    /// `parse_mode`, if any.
    public var parseMode: String?
    /// `reply_markup`, if any.
    public var replyMarkup: TelegramJSON?
    /// `link_preview_options`, if any.
    public var linkPreviewOptions: TelegramJSON?
    /// HTTP status answered (200, 400, 403, 429...).
    public var status: Int
    /// True when answered 200 (the message "reached" the chat).
    public var delivered: Bool
    /// Id of the delivered message.
    public var messageID: Int?
    /// Text of the delivered message after entity parsing (what the user sees).
    public var deliveredText: String?
    /// Error description when not delivered.
    public var description: String?
    /// Every parameter of the call.
    public var parameters: TelegramJSON

    enum CodingKeys: String, CodingKey {
        case time
        case chatID = "chat_id"
        case text
        case parseMode = "parse_mode"
        case replyMarkup = "reply_markup"
        case linkPreviewOptions = "link_preview_options"
        case status, delivered
        case messageID = "message_id"
        case deliveredText = "delivered_text"
        case description, parameters
    }
}
