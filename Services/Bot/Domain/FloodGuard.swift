import Foundation

/// Per-chat flood limit (a token bucket): at most `burst` messages or taps at once, refilled at
/// `perMinute` a minute. In memory: the bot runs as exactly one instance.
public struct FloodGuard: Sendable {
    private var buckets: [Int64: (tokens: Double, at: Date)] = [:]
    /// Largest burst.
    public let burst: Double
    /// Refill per minute.
    public let perMinute: Double
    /// Buckets kept before idle (full) ones are forgotten.
    public let maxTracked: Int

    /// Creates a guard.
    public init(burst: Int = 8, perMinute: Int = 20, maxTracked: Int = 100_000) {
        self.burst = Double(max(1, burst))
        self.perMinute = Double(max(0, perMinute))
        self.maxTracked = max(1, maxTracked)
    }

    /// Chats tracked now.
    public var trackedCount: Int { buckets.count }

    /// Whether a chat may send something now; `false` means reply with the flood notice.
    public mutating func allow(chatId: Int64, now: Date) -> Bool {
        let tokens = available(chatId: chatId, now: now)
        if buckets[chatId] == nil, buckets.count >= maxTracked { forgetIdle(now: now) }
        guard tokens >= 1 else {
            buckets[chatId] = (tokens, now)
            return false
        }
        buckets[chatId] = (tokens - 1, now)
        return true
    }

    private func available(chatId: Int64, now: Date) -> Double {
        guard let state = buckets[chatId] else { return burst }
        // A clock going backwards refills nothing (and takes nothing away).
        let elapsed = max(0, now.timeIntervalSince(state.at))
        return min(burst, state.tokens + elapsed / 60 * perMinute)
    }

    /// Drops buckets that have refilled completely: forgetting them changes nothing.
    private mutating func forgetIdle(now: Date) {
        buckets = buckets.filter { chatId, _ in available(chatId: chatId, now: now) < burst }
    }
}
