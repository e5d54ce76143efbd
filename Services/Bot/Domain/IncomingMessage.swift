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
