/// A press on an inline keyboard button (Bot API `CallbackQuery`). Answer it with
/// `answerCallbackQuery`, even silently, or the user's client shows a progress bar.
public struct CallbackQuery: Sendable, Hashable, Codable {
    /// Query identifier to answer.
    public var id: String
    /// Who pressed.
    public var from: User
    /// The message with the button; `isInaccessible` when it is too old.
    public var message: Message?
    /// Set when the button was on a message sent in inline mode.
    public var inlineMessageID: String?
    /// Global identifier of the chat the message was in.
    public var chatInstance: String
    /// The button's `callback_data`.
    public var data: String?

    /// Creates a callback query.
    public init(
        id: String, from: User, message: Message? = nil, inlineMessageID: String? = nil, chatInstance: String = "",
        data: String? = nil
    ) {
        self.id = id
        self.from = from
        self.message = message
        self.inlineMessageID = inlineMessageID
        self.chatInstance = chatInstance
        self.data = data
    }

    enum CodingKeys: String, CodingKey {
        case id, from, message
        case inlineMessageID = "inline_message_id"
        case chatInstance = "chat_instance"
        case data
    }

    /// Strict on `id` and `from`; lenient on everything else.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        from = try container.decode(User.self, forKey: .from)
        message = container.lenient(Message.self, forKey: .message)
        inlineMessageID = container.lenient(String.self, forKey: .inlineMessageID)
        chatInstance = container.lenient(String.self, forKey: .chatInstance) ?? ""
        data = container.lenient(String.self, forKey: .data)
    }
}
