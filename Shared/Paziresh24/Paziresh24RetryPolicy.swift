import Foundation

/// Jittered exponential backoff between attempts of one call.
///
/// Attempt `n` (1-based, the attempt that just failed) waits
/// `min(maxDelay, initialDelay × multiplierⁿ⁻¹) × (1 − jitter × r)` with `r` uniform in [0, 1),
/// so concurrent pollers that failed together spread out. A 429 with `Retry-After` waits exactly
/// that long when it is at most `maxRetryAfter`; a longer `Retry-After` ends the call with
/// `.rateLimited` at once so the caller can reschedule instead of holding a request slot.
public struct Paziresh24RetryPolicy: Sendable, Hashable {
    /// Delay after the first failed attempt.
    public var initialDelay: Duration
    /// Upper bound of one delay.
    public var maxDelay: Duration
    /// Growth per attempt.
    public var multiplier: Double
    /// Fraction (0...1) of the delay that is randomised away.
    public var jitter: Double
    /// Longest `Retry-After` the client waits out itself.
    public var maxRetryAfter: Duration

    /// Creates a policy; defaults: 1 s, ×2, at most 10 s, 50 % jitter, Retry-After up to 30 s.
    public init(
        initialDelay: Duration = .seconds(1), maxDelay: Duration = .seconds(10), multiplier: Double = 2,
        jitter: Double = 0.5, maxRetryAfter: Duration = .seconds(30)
    ) {
        self.initialDelay = initialDelay
        self.maxDelay = maxDelay
        self.multiplier = multiplier
        self.jitter = min(max(jitter, 0), 1)
        self.maxRetryAfter = maxRetryAfter
    }

    /// The wait after failed attempt `attempt` (1-based), given a random draw in [0, 1).
    public func delay(afterAttempt attempt: Int, random: Double) -> Duration {
        let exponent = Double(max(attempt, 1) - 1)
        let base = initialDelay.seconds * pow(multiplier, exponent)
        let capped = min(base, maxDelay.seconds)
        let jittered = capped * (1 - jitter * min(max(random, 0), 0.999_999))
        return .milliseconds(Int64((jittered * 1000).rounded()))
    }
}

extension Duration {
    /// The duration in (fractional) seconds.
    var seconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) / 1e18
    }
}
