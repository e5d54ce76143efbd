/// An incoming update (Bot API `Update`). At most one payload is set; `kind` names the payload
/// key the JSON had, including kinds this type does not model (`inline_query`, `poll`...), so a
/// poller can recognise and skip them.
public struct Update: Sendable, Hashable, Codable {
    /// The payload key of an update; unknown future kinds are kept as their raw string.
    public struct Kind: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
        /// The JSON key, e.g. `message`.
        public let rawValue: String
        /// Wraps a raw key.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// A new message.
        public static let message = Kind(rawValue: "message")
        /// A new version of a known message.
        public static let editedMessage = Kind(rawValue: "edited_message")
        /// A new channel post.
        public static let channelPost = Kind(rawValue: "channel_post")
        /// A new version of a channel post.
        public static let editedChannelPost = Kind(rawValue: "edited_channel_post")
        /// An inline keyboard button press.
        public static let callbackQuery = Kind(rawValue: "callback_query")
        /// The bot's own membership changed (private chat: blocked / unblocked).
        public static let myChatMember = Kind(rawValue: "my_chat_member")
        /// Another member's status changed (needs explicit `allowed_updates`).
        public static let chatMember = Kind(rawValue: "chat_member")
        /// No payload key at all.
        public static let empty = Kind(rawValue: "")
        /// The raw key.
        public var description: String { rawValue }
        /// Whether this type decodes the payload (otherwise only `kind` tells what it was).
        public var isModelled: Bool { Self.modelled.contains(self) }
        static let modelled: Set<Kind> = [
            .message, .editedMessage, .channelPost, .editedChannelPost, .callbackQuery, .myChatMember, .chatMember,
        ]
    }

    /// Sequential identifier; the next getUpdates offset is the highest seen + 1.
    public var updateID: Int64
    /// Which payload the update carries.
    public var kind: Kind
    /// New incoming message.
    public var message: Message?
    /// Edited message.
    public var editedMessage: Message?
    /// New channel post.
    public var channelPost: Message?
    /// Edited channel post.
    public var editedChannelPost: Message?
    /// Inline button press.
    public var callbackQuery: CallbackQuery?
    /// The bot's membership in a chat changed.
    public var myChatMember: ChatMemberUpdated?
    /// A member's status in a chat changed.
    public var chatMember: ChatMemberUpdated?

    /// Creates an update; `kind` defaults to the payload that is set.
    public init(
        updateID: Int64, kind: Kind? = nil, message: Message? = nil, editedMessage: Message? = nil,
        channelPost: Message? = nil, editedChannelPost: Message? = nil, callbackQuery: CallbackQuery? = nil,
        myChatMember: ChatMemberUpdated? = nil, chatMember: ChatMemberUpdated? = nil
    ) {
        self.updateID = updateID
        self.message = message
        self.editedMessage = editedMessage
        self.channelPost = channelPost
        self.editedChannelPost = editedChannelPost
        self.callbackQuery = callbackQuery
        self.myChatMember = myChatMember
        self.chatMember = chatMember
        self.kind =
            kind
            ?? (message != nil
                ? .message
                : editedMessage != nil
                    ? .editedMessage
                    : channelPost != nil
                        ? .channelPost
                        : editedChannelPost != nil
                            ? .editedChannelPost
                            : callbackQuery != nil
                                ? .callbackQuery
                                : myChatMember != nil ? .myChatMember : chatMember != nil ? .chatMember : .empty)
    }

    /// The message of a `message`, `edited_message`, `channel_post` or `edited_channel_post` update.
    public var anyMessage: Message? { message ?? editedMessage ?? channelPost ?? editedChannelPost }

    /// The chat the update concerns, when it has one.
    public var chat: Chat? {
        anyMessage?.chat ?? callbackQuery?.message?.chat ?? myChatMember?.chat ?? chatMember?.chat
    }

    enum CodingKeys: String, CodingKey {
        case updateID = "update_id"
        case message
        case editedMessage = "edited_message"
        case channelPost = "channel_post"
        case editedChannelPost = "edited_channel_post"
        case callbackQuery = "callback_query"
        case myChatMember = "my_chat_member"
        case chatMember = "chat_member"
    }

    /// Strict on `update_id` and on a modelled payload that is present (a payload we can't read
    /// makes the update undecodable rather than silently empty); unknown payload kinds are fine.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        updateID = try container.decode(Int64.self, forKey: .updateID)
        message = try container.decodeIfPresent(Message.self, forKey: .message)
        editedMessage = try container.decodeIfPresent(Message.self, forKey: .editedMessage)
        channelPost = try container.decodeIfPresent(Message.self, forKey: .channelPost)
        editedChannelPost = try container.decodeIfPresent(Message.self, forKey: .editedChannelPost)
        callbackQuery = try container.decodeIfPresent(CallbackQuery.self, forKey: .callbackQuery)
        myChatMember = try container.decodeIfPresent(ChatMemberUpdated.self, forKey: .myChatMember)
        chatMember = try container.decodeIfPresent(ChatMemberUpdated.self, forKey: .chatMember)
        let keys = try decoder.container(keyedBy: AnyCodingKey.self).allKeys.map(\.stringValue)
            .filter { $0 != "update_id" }
        let modelled = keys.first { Kind.modelled.contains(Kind(rawValue: $0)) }
        kind = Kind(rawValue: modelled ?? keys.sorted().first ?? "")
    }
}
