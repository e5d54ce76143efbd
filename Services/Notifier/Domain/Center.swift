/// The center a slot is offered at, as the notifier needs it: its name and whether visits are online.
public struct Center: Sendable, Hashable {
    /// Name shown in the message.
    public var name: String
    /// Online visit (filters by mode, and the message says so).
    public var isOnline: Bool

    /// Creates a center.
    public init(name: String, isOnline: Bool) {
        self.name = name
        self.isOnline = isOnline
    }
}
