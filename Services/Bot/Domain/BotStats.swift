/// Counts for `/stats`.
public struct BotStats: Sendable, Equatable {
    /// Registered users.
    public var users: Int
    /// Users neither paused nor blocked.
    public var activeUsers: Int
    /// Active subscriptions.
    public var activeSubscriptions: Int
    /// Targets with at least one active subscription.
    public var watchedTargets: Int
    /// Notices sent in the last 24 hours.
    public var noticesToday: Int

    /// Creates stats.
    public init(users: Int, activeUsers: Int, activeSubscriptions: Int, watchedTargets: Int, noticesToday: Int) {
        self.users = users
        self.activeUsers = activeUsers
        self.activeSubscriptions = activeSubscriptions
        self.watchedTargets = watchedTargets
        self.noticesToday = noticesToday
    }
}
