/// The port to the subscriptions: who wants to hear about which target, and who stopped listening.
public protocol SubscriberDirectory: Sendable {
    /// Active subscriptions of active users to any of the targets (one lookup for a whole batch).
    func subscribers(forTargets targetIds: [String]) async throws -> [Subscriber]

    /// The user blocked the bot or was deactivated: mark them blocked and their subscriptions
    /// inactive (atomically), so that no later batch matches them.
    func deactivateUser(chatId: Int64, reason: String) async throws
}
