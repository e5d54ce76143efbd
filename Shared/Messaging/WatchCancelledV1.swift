/// `watch.cancelled` v1 (bot → scraper, topic `smartwhale.data.watches`, key = target id):
/// nobody is subscribed to this target any more; stop polling it.
public struct WatchCancelledV1: MessagePayload {
    public static let schema = "watch.cancelled"
    public static let version = 1

    /// The target to stop polling.
    public var targetId: String
    /// Why, for people reading the topic (`last_unsubscribe`, `doctor_not_found`).
    public var reason: String?

    /// Creates the payload.
    public init(targetId: String, reason: String?) {
        self.targetId = targetId
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case reason
        case targetId = "target_id"
    }
}
