/// An update from Telegram, reduced to what the conversation needs.
public enum IncomingEvent: Sendable, Equatable {
    /// A message in a chat.
    case message(IncomingMessage)
    /// A tap on an inline button.
    case callback(IncomingCallback)
    /// The bot's own membership in a chat changed (`my_chat_member`): in a private chat, `kicked`
    /// means the user blocked the bot and `member` that they unblocked it.
    case membership(IncomingMembership)
    /// An update kind the bot does not act on (channel posts, member changes, …).
    case ignored(kind: String)
}

/// A message, new or edited.
public struct IncomingMessage: Sendable, Equatable {
    /// What the message holds.
    public enum Content: Sendable, Equatable {
        /// A text message with its entities.
        case text(String, entities: [Entity])
        /// A sticker, photo or anything else without text.
        case nonText(kind: String)
    }

    /// A `MessageEntity` (offsets in UTF-16 code units).
    public struct Entity: Sendable, Equatable {
        /// `bot_command`, `url`, ….
        public var type: String
        /// Start in UTF-16 code units.
        public var offset: Int
        /// Length in UTF-16 code units.
        public var length: Int
        /// Creates an entity.
        public init(type: String, offset: Int, length: Int) {
            self.type = type
            self.offset = offset
            self.length = length
        }
    }

    /// The chat it was sent in.
    public var chatId: Int64
    /// `private`, `group`, `supergroup`, `channel`.
    public var chatType: String
    /// The sender, when known.
    public var userId: Int64?
    /// The sender's `@username`.
    public var username: String?
    /// The sender's first name.
    public var firstName: String?
    /// The sender's Telegram client language (`fa`, `en`, …).
    public var languageCode: String?
    /// What the message holds.
    public var content: Content
    /// True for an `edited_message`.
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

    /// Creates a callback.
    public init(id: String, chatId: Int64?, userId: Int64, languageCode: String?, data: String?) {
        self.id = id
        self.chatId = chatId
        self.userId = userId
        self.languageCode = languageCode
        self.data = data
    }
}

/// A change of the bot's membership in a chat.
public struct IncomingMembership: Sendable, Equatable {
    /// The chat.
    public var chatId: Int64
    /// `private`, `group`, `supergroup`, `channel`.
    public var chatType: String
    /// The bot's new status: `member`, `kicked`, `left`, `administrator`, ….
    public var newStatus: String

    /// Creates a change.
    public init(chatId: Int64, chatType: String, newStatus: String) {
        self.chatId = chatId
        self.chatType = chatType
        self.newStatus = newStatus
    }

    /// True when the bot can no longer write to the chat (blocked in a private chat, removed from a group).
    public var botRemoved: Bool { newStatus == "kicked" || newStatus == "left" }
}
