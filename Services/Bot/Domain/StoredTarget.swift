import Messaging

/// A watch target with the short number used in callback data.
public struct StoredTarget: Sendable, Equatable {
    /// Short id (fits the 64-byte `callback_data`).
    public var shortId: Int64
    /// The target.
    public var target: WatchTarget

    /// Creates a stored target.
    public init(shortId: Int64, target: WatchTarget) {
        self.shortId = shortId
        self.target = target
    }
}
