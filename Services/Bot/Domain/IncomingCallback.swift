/// A callback query.
public struct IncomingCallback: Sendable, Equatable {
    /// The query id to answer.
    public var id: String
    /// The chat of the message that carried the button (nil for inline-mode messages).
    public var chatId: Int64?
    /// Who tapped.
    public var userId: Int64
    /// Their Telegram client language.
    public var languageCode: String?
    /// The button's `callback_data`.
    public var data: String?
    /// The id of the message that carried the button (nil for inline-mode messages).
    public var messageId: Int64?

    /// Creates a callback.
    public init(id: String, chatId: Int64?, userId: Int64, languageCode: String?, data: String?, messageId: Int64? = nil) {
        self.id = id
        self.chatId = chatId
        self.userId = userId
        self.languageCode = languageCode
        self.data = data
        self.messageId = messageId
    }
}
