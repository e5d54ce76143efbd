import Localization

/// A user as the bot stores them.
public struct BotUser: Sendable, Equatable {
    /// Telegram chat id (private chat = user id).
    public var chatId: Int64
    /// Preferred language.
    public var language: Language
    /// Active, paused, or blocked (they blocked the bot).
    public var status: UserStatus

    /// Creates a user.
    public init(chatId: Int64, language: Language, status: UserStatus) {
        self.chatId = chatId
        self.language = language
        self.status = status
    }
}
