import Messaging

/// Subscriptions: who watches what, with which filters.
public protocol SubscriptionStore: Sendable {
    /// Subscribes a user to a target. Under a per-user lock (so two chat lanes or two processes
    /// cannot both pass the cap) it loads whether the user already watches the target and how many
    /// active subscriptions they hold, lets `cap` decide, and stores a `.subscribe` decision with
    /// `WatchFilters.forNewSubscription(latest:)` of the user's most recently changed subscription.
    func subscribe(chatId: Int64, targetId: String, cap: SubscriptionCap) async throws -> SubscribeResult
    /// The user's active subscriptions with the last check of each target, as of the store's clock.
    func subscriptions(chatId: Int64) async throws -> [SubscriptionView]
    /// Removes a subscription; returns its target and whether it was the target's last active subscription.
    func unsubscribe(chatId: Int64, subscriptionId: Int64) async throws -> (target: WatchTarget, lastForTarget: Bool)?
    /// Applies a filter change (`WatchFilters.applying`) to every subscription of the user; returns how many it changed.
    func updateFilters(chatId: Int64, _ change: FilterCommand) async throws -> Int
    /// Applies a filter change to one active subscription of the user (none of the others); returns
    /// its filters afterwards (as they are, for `.show`), or nil when it is not theirs or not active.
    func updateFilters(chatId: Int64, subscriptionId: Int64, _ change: FilterCommand) async throws -> WatchFilters?
    /// Every target with at least one active subscription (for the reconciler).
    func activeTargets() async throws -> [WatchTarget]
    /// Targets that have no active subscription left (for the reconciler to cancel).
    func orphanedTargetIds() async throws -> [String]
}
