import Messaging

/// Publishes watch requests and cancellations on the watches topic. Each call returns once the
/// broker acknowledged the message. Only `WatchSync` calls it (see there why).
public protocol WatchPublishing: Sendable {
    /// `watch.requested` for a target.
    func requested(_ target: WatchTarget, correlationId: String) async throws
    /// `watch.cancelled` for a target id.
    func cancelled(targetId: String, reason: String, correlationId: String) async throws
}
