/// One circuit breaker's state machine; pure value, the caller supplies the time and guards it.
struct CircuitBreaker: Sendable {
    /// Answer to "may a request go out now?".
    enum Admission: Equatable {
        /// Go ahead (closed).
        case allowed
        /// Go ahead as the single half-open probe; report its outcome.
        case probe
        /// Refused: open, or half-open with a probe already in flight.
        case refused
    }

    let policy: Paziresh24BreakerPolicy
    private(set) var consecutiveFailures = 0
    private(set) var openedAt: Duration?
    private(set) var probeInFlight = false

    init(policy: Paziresh24BreakerPolicy) {
        self.policy = policy
    }

    /// The state at `now` (an open breaker whose cool-down has passed reads half-open).
    func state(at now: Duration) -> BreakerState {
        guard let openedAt else { return .closed }
        return now - openedAt >= policy.coolDown ? .halfOpen : .open
    }

    /// Asks to send one request at `now`.
    mutating func admit(at now: Duration) -> Admission {
        switch state(at: now) {
        case .closed:
            return .allowed
        case .open:
            return .refused
        case .halfOpen:
            guard !probeInFlight else { return .refused }
            probeInFlight = true
            return .probe
        }
    }

    /// The admitted request got an answer that shows the server is healthy.
    mutating func recordSuccess() {
        consecutiveFailures = 0
        openedAt = nil
        probeInFlight = false
    }

    /// The admitted request failed (timeout, connection error, 5xx, 429).
    mutating func recordFailure(at now: Duration) {
        consecutiveFailures += 1
        if probeInFlight || openedAt != nil || consecutiveFailures >= policy.failureThreshold {
            openedAt = now
        }
        probeInFlight = false
    }

    /// The admitted request ended without telling anything about the server (cancelled, or
    /// refused by another breaker before it was sent).
    mutating func recordAbandoned() {
        probeInFlight = false
    }
}
