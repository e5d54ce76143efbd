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
