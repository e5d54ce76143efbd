import Foundation

/// Exponential backoff with a cap and jitter, for retrying a failing dependency.
///
/// The ceiling after `attempt` failures is `min(max, initial × multiplier^(attempt − 1))`; with
/// full jitter (the default, as recommended by the AWS architecture blog's analysis) the delay is
/// uniform in `0...ceiling`, which spreads retries of many clients apart.
public struct Backoff: Sendable, Hashable {
    /// How the delay is randomised below the ceiling.
    public enum Jitter: Sendable, Hashable {
        /// Exactly the ceiling.
        case none
        /// Uniform in `0...ceiling`.
        case full
        /// Uniform in `ceiling/2...ceiling`.
        case equal
    }

    /// Ceiling of the first delay.
    public var initial: Duration
    /// Largest delay ever returned.
    public var max: Duration
    /// Growth factor per attempt (≥ 1).
    public var multiplier: Double
    /// Randomisation below the ceiling.
    public var jitter: Jitter

    /// Creates a backoff policy.
    public init(
        initial: Duration = .milliseconds(200), max: Duration = .seconds(30), multiplier: Double = 2,
        jitter: Jitter = .full
    ) {
        self.initial = initial
        self.max = max
        self.multiplier = multiplier
        self.jitter = jitter
    }

    /// The un-jittered delay after `attempt` failures (1 for the first retry; lower values count as 1).
    public func ceiling(attempt: Int) -> Duration {
        let cap = Self.seconds(max)
        let exponent = Double(Swift.max(0, attempt - 1))
        let grown = Self.seconds(initial) * pow(Swift.max(1, multiplier), exponent)
        guard grown.isFinite, grown < cap else { return max }
        return Self.duration(seconds: Swift.max(0, grown))
    }

    /// The delay before the next try after `attempt` failures, with jitter from the system generator.
    public func delay(attempt: Int) -> Duration {
        var generator = SystemRandomNumberGenerator()
        return delay(attempt: attempt, using: &generator)
    }

    /// The delay before the next try after `attempt` failures, with jitter from `generator` (tests seed it).
    public func delay(attempt: Int, using generator: inout some RandomNumberGenerator) -> Duration {
        let ceiling = Self.seconds(ceiling(attempt: attempt))
        guard ceiling > 0 else { return .zero }
        switch jitter {
        case .none:
            return Self.duration(seconds: ceiling)
        case .full:
            return Self.duration(seconds: Double.random(in: 0...ceiling, using: &generator))
        case .equal:
            return Self.duration(seconds: ceiling / 2 + Double.random(in: 0...(ceiling / 2), using: &generator))
        }
    }

    static func seconds(_ duration: Duration) -> Double {
        let (seconds, attoseconds) = duration.components
        return Double(seconds) + Double(attoseconds) / 1e18
    }

    static func duration(seconds: Double) -> Duration {
        .nanoseconds(Int64((seconds * 1e9).rounded()))
    }
}
