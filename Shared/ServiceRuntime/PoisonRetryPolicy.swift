/// The rule that keeps one failing record from blocking its partition forever.
///
/// A transient failure (an outage) is always retried with backoff, however long it lasts. A
/// permanent failure is retried with backoff too, but once the record has been failing permanently
/// for `timeout` (counted from the first permanent failure of the current streak; a transient
/// failure ends the streak) the record is given up: the caller dead-letters it and moves on.
public struct PoisonRetryPolicy: Sendable, Hashable {
    /// What to do after a failure.
    public enum Decision: Sendable, Hashable {
        /// Try again after this delay.
        case retry(after: Duration)
        /// Stop trying: the record is a poison record.
        case giveUp
    }

    /// How long a record may keep failing permanently before it is given up.
    public var timeout: Duration
    /// Delays between attempts (whatever the kind of failure).
    public var backoff: Backoff

    /// Creates a policy.
    public init(
        timeout: Duration, backoff: Backoff = Backoff(initial: .milliseconds(250), max: .seconds(5), multiplier: 2, jitter: .equal)
    ) {
        self.timeout = timeout
        self.backoff = backoff
    }

    /// Decides after the `attempt`-th failure (1 for the first) of kind `kind`; `failingFor` is how
    /// long the record has been failing permanently (zero on the first permanent failure), `delay`
    /// the backoff's jittered delay for this attempt.
    public func decide(kind: FailureKind, failingFor: Duration, delay: Duration) -> Decision {
        switch kind {
        case .transient:
            return .retry(after: delay)
        case .permanent:
            guard failingFor < timeout else { return .giveUp }
            // The last attempt lands on the deadline rather than up to one full backoff after it.
            return .retry(after: min(delay, timeout - failingFor))
        }
    }
}
