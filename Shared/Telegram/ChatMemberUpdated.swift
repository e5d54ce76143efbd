/// A change of a member's status in a chat (Bot API `ChatMemberUpdated`). In `my_chat_member`
/// updates it is the bot's own status: `kicked` in a private chat means the user blocked the bot.
public struct ChatMemberUpdated: Sendable, Hashable, Codable {
    /// The chat.
    public var chat: Chat
    /// Who made the change (the user, for blocks and unblocks).
    public var from: User
    /// Unix time of the change.
    public var date: Int64
    /// Status before.
    public var oldChatMember: ChatMember
    /// Status after.
    public var newChatMember: ChatMember

    /// Creates a change.
    public init(chat: Chat, from: User, date: Int64, oldChatMember: ChatMember, newChatMember: ChatMember) {
        self.chat = chat
        self.from = from
        self.date = date
        self.oldChatMember = oldChatMember
        self.newChatMember = newChatMember
    }

    enum CodingKeys: String, CodingKey {
        case chat, from, date
        case oldChatMember = "old_chat_member"
        case newChatMember = "new_chat_member"
    }
}

/// A member's status (Bot API `ChatMember`, whose variants differ by `status`).
public struct ChatMember: Sendable, Hashable, Codable {
    /// `creator`, `administrator`, `member`, `restricted`, `left` or `kicked`.
    public var status: String
    /// The member.
    public var user: User

    /// Creates a status.
    public init(status: String, user: User) {
        self.status = status
        self.user = user
    }

    /// True for `left` and `kicked` (in a private chat: the bot was blocked).
    public var isGone: Bool { status == "left" || status == "kicked" }
}
