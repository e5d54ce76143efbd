/// What one probe observation of a target's earliest free time means.
public enum ProbeVerdict: String, Sendable, Hashable {
    /// First observation without anything to compare with: recorded, nothing triggered.
    case baseline
    /// Same as the last observation, or no earlier than what is known: nothing triggered.
    case unchanged
    /// Later than what is known (the earliest slot was taken), or gone: recorded, nothing triggered.
    case later
    /// Earlier than what is known: a direct poll is triggered.
    case earlier
    /// Some after none: a direct poll is triggered.
    case appeared
    /// A time already in the past (the search data lags): ignored.
    case stale

    /// Whether the verdict triggers an immediate direct poll.
    public var triggers: Bool { self == .earlier || self == .appeared }
}
