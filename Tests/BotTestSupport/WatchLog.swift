import BotDomain
import Messaging

/// A `WatchPublishing` that acknowledges at once and keeps every message, for fast use-case tests.
public actor WatchLog: WatchPublishing {
    /// One message of the watches topic.
    public enum Message: Sendable, Equatable {
        /// `watch.requested` for the target id.
        case requested(String)
        /// `watch.cancelled` for the target id, with the reason.
        case cancelled(String, reason: String)
    }

    /// Every message, oldest first.
    public private(set) var messages: [Message] = []
    /// The target of every `watch.requested`, oldest first, as it went on the wire.
    public private(set) var requestedTargets: [WatchTarget] = []

    /// An empty log.
    public init() {}

    public func requested(_ target: WatchTarget, correlationId: String) {
        messages.append(.requested(target.id))
        requestedTargets.append(target)
    }

    public func cancelled(targetId: String, reason: String, correlationId: String) {
        messages.append(.cancelled(targetId, reason: reason))
    }
}
