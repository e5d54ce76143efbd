/// The per-user subscription limit (`MAX_SUBSCRIPTIONS_PER_USER`), decided here; the store only
/// loads what the rule needs and, under a per-user lock, stores what it decided, so two chat lanes
/// or two bot processes can never take a user past the cap.
public struct SubscriptionCap: Sendable, Equatable {
    /// Most active subscriptions a user may hold.
    public let limit: Int

    /// What a subscribe request leads to.
    public enum Decision: Sendable, Equatable {
        /// Store (or re-activate) the subscription.
        case subscribe
        /// The user already actively watches the target: nothing changes.
        case alreadySubscribed
        /// The user is at the cap.
        case limitReached
    }

    /// Creates the rule; a limit below 0 counts as 0 (nobody may subscribe).
    public init(limit: Int) {
        self.limit = max(0, limit)
    }

    /// Decides a subscribe request from the user's state, read under the user's lock.
    /// - Parameters:
    ///   - alreadyActive: whether the user already has an active subscription to the target.
    ///   - activeCount: how many active subscriptions the user has now.
    public func decide(alreadyActive: Bool, activeCount: Int) -> Decision {
        if alreadyActive { return .alreadySubscribed }
        return activeCount < limit ? .subscribe : .limitReached
    }
}
