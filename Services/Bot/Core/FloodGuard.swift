import Foundation

/// Per-user command flood limit: at most `burst` commands, refilled at `perMinute` a minute.
/// In memory: the bot runs as exactly one instance.
public struct FloodGuard: Sendable {
    private var buckets: [Int64: (tokens: Double, at: Date)] = [:]
    /// Largest burst.
    public let burst: Double
    /// Refill per minute.
    public let perMinute: Double

    /// Creates a guard.
    public init(burst: Int = 8, perMinute: Int = 20) {
        self.burst = Double(burst)
        self.perMinute = Double(perMinute)
    }

    /// Whether a user may send a command now; `false` means reply with the flood notice.
    public mutating func allow(chatId: Int64, now: Date) -> Bool {
        let state = buckets[chatId] ?? (burst, now)
        let tokens = min(burst, state.tokens + now.timeIntervalSince(state.at) / 60 * perMinute)
        if buckets.count > 100_000 { buckets.removeAll(keepingCapacity: true) }
        guard tokens >= 1 else {
            buckets[chatId] = (tokens, now)
            return false
        }
        buckets[chatId] = (tokens - 1, now)
        return true
    }
}
