import Foundation
import Localization
import NotifierDomain

/// `SubscriberDirectory` in memory: users with a language and a status, and their subscriptions.
/// Behaves like `PostgresNotifierStore` (the contract suite runs both): only active subscriptions of
/// active users match; a deactivated user is `blocked` and every subscription of theirs inactive.
public actor InMemorySubscriberDirectory: SubscriberDirectory {
    /// A user as the directory keeps it.
    public struct User: Sendable, Equatable {
        /// The user's language.
        public var language: Language
        /// `active`, `paused` or `blocked`.
        public var status: String
        /// Why the status was last changed by the notifier.
        public var statusReason: String?
        /// When the user last changed (the injected clock's time).
        public var updatedAt: Date
    }

    private struct Subscription {
        var filters: SubscriptionFilters
        var active: Bool
        var updatedAt: Date
    }

    private struct SubscriptionKey: Hashable, Comparable {
        var chatId: Int64
        var targetId: String
        static func < (lhs: Self, rhs: Self) -> Bool { (lhs.chatId, lhs.targetId) < (rhs.chatId, rhs.targetId) }
    }

    private let clock: @Sendable () -> Date
    private var users: [Int64: User] = [:]
    private var subscriptions: [SubscriptionKey: Subscription] = [:]

    /// Creates an empty directory that stamps changes with `clock`.
    public init(clock: @escaping @Sendable () -> Date = { Date() }) {
        self.clock = clock
    }

    /// Adds (or replaces) a user.
    public func addUser(chatId: Int64, language: Language = .english, status: String = "active") {
        users[chatId] = User(language: language, status: status, statusReason: nil, updatedAt: clock())
    }

    /// Subscribes a user to a target.
    public func subscribe(chatId: Int64, targetId: String, filters: SubscriptionFilters = .default, active: Bool = true) {
        subscriptions[SubscriptionKey(chatId: chatId, targetId: targetId)] = Subscription(
            filters: filters, active: active, updatedAt: clock())
    }

    /// The user `chatId`, if known.
    public func user(_ chatId: Int64) -> User? { users[chatId] }

    /// How many subscriptions are active.
    public var activeSubscriptionCount: Int { subscriptions.values.filter(\.active).count }

    public func subscribers(forTargets targetIds: [String]) async throws -> [Subscriber] {
        let targets = Set(targetIds)
        return subscriptions.keys.sorted().compactMap { key in
            guard targets.contains(key.targetId), let subscription = subscriptions[key], subscription.active,
                let user = users[key.chatId], user.status == "active"
            else { return nil }
            return Subscriber(chatId: key.chatId, targetId: key.targetId, language: user.language, filters: subscription.filters)
        }
    }

    public func deactivateUser(chatId: Int64, reason: String) async throws {
        let now = clock()
        if var user = users[chatId] {
            user.status = "blocked"
            user.statusReason = reason
            user.updatedAt = now
            users[chatId] = user
        }
        for key in subscriptions.keys where key.chatId == chatId {
            subscriptions[key]?.active = false
            subscriptions[key]?.updatedAt = now
        }
    }
}
