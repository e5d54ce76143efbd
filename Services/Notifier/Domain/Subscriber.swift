import Localization

/// An active subscription of an active user to one watch target, as matching needs it.
public struct Subscriber: Sendable, Hashable {
    /// Telegram chat id.
    public var chatId: Int64
    /// Watch target id.
    public var targetId: String
    /// The user's language.
    public var language: Language
    /// The subscription's filters.
    public var filters: SubscriptionFilters

    /// Creates a subscriber.
    public init(chatId: Int64, targetId: String, language: Language, filters: SubscriptionFilters) {
        self.chatId = chatId
        self.targetId = targetId
        self.language = language
        self.filters = filters
    }
}
