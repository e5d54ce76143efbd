import Foundation
import Synchronization

/// The bot's share of the fleet-wide paziresh24 budget (`PAZIRESH24_INTERACTIVE_RATE`): a token
/// bucket of `rate` requests per second holding at most `burst`, so a user's lookup never queues
/// behind the scrapers' sweep (which leaves this share out of `SCRAPER_GLOBAL_RATE`).
///
/// A request takes a token now, or reserves the next one if it comes within `maxWait`; beyond
/// that it is refused at once, so a user hears "busy, try again" instead of waiting long.
public final class InteractiveBudget: Sendable {
    /// Tokens per second.
    public let rate: Double
    /// Most tokens held (requests sent back to back after a quiet spell).
    public let burst: Double
    /// Longest wait for a token before the request is refused.
    public let maxWait: TimeInterval

    private struct State {
        var tokens: Double
        var updated: Date?
    }

    private let state: Mutex<State>

    /// Creates a full bucket.
    public init(rate: Double, burst: Int = 2, maxWait: TimeInterval = 5) {
        self.rate = max(rate, 0.000_001)
        self.burst = Double(max(1, burst))
        self.maxWait = max(0, maxWait)
        state = Mutex(State(tokens: Double(max(1, burst))))
    }

    /// Takes a token: nil when none comes within `maxWait` (nothing taken), else how long to wait
    /// before sending (0 when one was in the bucket).
    public func reserve(now: Date) -> TimeInterval? {
        state.withLock { state -> TimeInterval? in
            let elapsed = state.updated.map { max(0, now.timeIntervalSince($0)) } ?? 0
            let tokens = min(burst, state.tokens + elapsed * rate)
            let wait = tokens >= 1 ? 0 : (1 - tokens) / rate
            state.updated = now
            state.tokens = tokens
            guard wait <= maxWait else { return nil }
            state.tokens = tokens - 1
            return wait
        }
    }
}
