/// An update from Telegram, reduced to what the conversation needs.
public enum IncomingEvent: Sendable, Equatable {
    /// A message in a chat.
    case message(IncomingMessage)
    /// A tap on an inline button.
    case callback(IncomingCallback)
    /// An update kind the bot does not act on (channel posts, member changes, …).
    case ignored(kind: String)
}

/// A message, new or edited.
public struct IncomingMessage: Sendable, Equatable {
    /// What the message holds.
    public enum Content: Sendable, Equatable {
        case text(String, entities: [Entity])
        case nonText(kind: String)
    }

    /// A `MessageEntity` (offsets in UTF-16 code units).
    public struct Entity: Sendable, Equatable {
        public var type: String
        public var offset: Int
        public var length: Int
        public init(type: String, offset: Int, length: Int) {
            self.type = type
            self.offset = offset
            self.length = length
        }
    }

    public var chatId: Int64
    /// `private`, `group`, `supergroup`, `channel`.
    public var chatType: String
    public var userId: Int64?
    public var username: String?
    public var firstName: String?
    public var languageCode: String?
    public var content: Content
    public var isEdited: Bool

    /// Creates a message.
    public init(
        chatId: Int64, chatType: String, userId: Int64?, username: String?, firstName: String?, languageCode: String?,
        content: Content, isEdited: Bool
    ) {
        self.chatId = chatId
        self.chatType = chatType
        self.userId = userId
        self.username = username
        self.firstName = firstName
        self.languageCode = languageCode
        self.content = content
        self.isEdited = isEdited
    }
}

/// A callback query.
public struct IncomingCallback: Sendable, Equatable {
    public var id: String
    /// The chat of the message that carried the button (nil for inline-mode messages).
    public var chatId: Int64?
    public var userId: Int64
    public var languageCode: String?
    public var data: String?

    /// Creates a callback.
    public init(id: String, chatId: Int64?, userId: Int64, languageCode: String?, data: String?) {
        self.id = id
        self.chatId = chatId
        self.userId = userId
        self.languageCode = languageCode
        self.data = data
    }
}
