import Messaging

/// What the database wants `smartwhale.data.watches` to say about one target.
public enum DesiredWatch: Sendable, Equatable {
    /// At least one active subscription: `watch.requested` with the target's details.
    case watched(WatchTarget)
    /// No active subscription (or no such target): `watch.cancelled`.
    case unwatched
}
