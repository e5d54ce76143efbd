/// `watch.requested` v1 (bot → scraper, topic `smartwhale.data.watches`, key = target id):
/// start polling this target. Re-publishing it is harmless (the latest message per key wins).
public struct WatchRequestedV1: MessagePayload {
    public static let schema = "watch.requested"
    public static let version = 1

    /// What to poll.
    public var target: WatchTarget

    /// Creates the payload.
    public init(target: WatchTarget) {
        self.target = target
    }
}
