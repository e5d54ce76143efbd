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
