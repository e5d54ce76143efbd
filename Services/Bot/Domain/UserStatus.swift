/// Whether the bot writes to a user (`users.status`).
public enum UserStatus: String, Sendable, Equatable, CaseIterable {
    /// Notices are sent.
    case active
    /// The user asked for a break with `/pause`; nothing is sent until `/resume`.
    case paused
    /// The user blocked the bot; their subscriptions are inactive until they come back.
    case blocked
}
