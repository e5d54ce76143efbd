/// Result of a subscribe attempt.
public enum SubscribeResult: Sendable, Equatable {
    /// Created; `firstForTarget` means nobody watched the target before (publish `watch.requested`).
    case created(firstForTarget: Bool)
    /// The user already watches this target.
    case alreadySubscribed
    /// The user is at the subscription limit.
    case limitReached
}
