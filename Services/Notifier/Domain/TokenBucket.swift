import Foundation

/// A token bucket: `capacity` tokens, refilled at `refillPerSecond`; one notice costs one token.
///
/// Pure arithmetic; `PerUserLimit` is the rule that uses it, and the state lives in a store
/// (`rate_limits` in PostgreSQL, shared by every notifier replica).
public struct TokenBucket: Sendable, Hashable {
    /// Largest burst.
    public var capacity: Double
    /// Tokens added per second.
    public var refillPerSecond: Double

    /// Creates a bucket.
    public init(capacity: Double, refillPerSecond: Double) {
        self.capacity = capacity
        self.refillPerSecond = refillPerSecond
    }

    /// "`perDay` notices per day with a burst of `burst`."
    public static func perDay(_ perDay: Double, burst: Double) -> TokenBucket {
        TokenBucket(capacity: burst, refillPerSecond: perDay / 86_400)
    }

    /// Tokens available at `now` given the stored state.
    public func available(tokens: Double, updatedAt: Date, now: Date) -> Double {
        min(capacity, tokens + max(0, now.timeIntervalSince(updatedAt)) * refillPerSecond)
    }

    /// Tries to take one token; returns whether it was granted and the new token count.
    public func take(tokens: Double, updatedAt: Date, now: Date) -> (granted: Bool, tokens: Double) {
        let current = available(tokens: tokens, updatedAt: updatedAt, now: now)
        return current >= 1 ? (true, current - 1) : (false, current)
    }
}
