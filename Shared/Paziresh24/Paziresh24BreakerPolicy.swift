/// When a circuit breaker opens and how long it stays open.
public struct Paziresh24BreakerPolicy: Sendable, Hashable {
    /// Consecutive failed attempts (timeouts, connection errors, 5xx, 429) that open the breaker.
    public var failureThreshold: Int
    /// How long an open breaker refuses requests before letting one probe through (half-open).
    public var coolDown: Duration

    /// Creates a policy.
    public init(failureThreshold: Int, coolDown: Duration) {
        self.failureThreshold = max(1, failureThreshold)
        self.coolDown = coolDown
    }
}
