/// Runs one unit of work (processing one record or one batch) under a `PoisonRetryPolicy`: returns
/// its result, or says that it was given up after failing permanently for the policy's timeout.
/// Only cancellation is thrown. The clock and the sleep are injected so tests need not wait.
public struct PoisonRetrier: Sendable {
    /// How a unit of work ended.
    public enum Outcome<Value: Sendable>: Sendable {
        /// The work succeeded (possibly after retries).
        case succeeded(Value)
        /// The work kept failing permanently for the policy's timeout; `error` is the last failure.
        case gaveUp(error: any Error, attempts: Int)
    }

    /// One failure, as told to `onFailure` (to log and count it).
    public struct Failure: Sendable {
        /// The error thrown.
        public var error: any Error
        /// Its kind, as classified.
        public var kind: FailureKind
        /// 1 for the first failure of this unit of work.
        public var attempt: Int
        /// How long the unit has been failing permanently (zero for a transient failure).
        public var failingFor: Duration
        /// What the policy decided.
        public var decision: PoisonRetryPolicy.Decision
    }

    /// The rule applied.
    public let policy: PoisonRetryPolicy
    let sleeper: Sleeper
    let now: @Sendable () -> ContinuousClock.Instant
    let classify: @Sendable (any Error) -> FailureKind

    /// Creates a retrier; `classify` tells outages from poison (see `FailureKind`).
    public init(
        policy: PoisonRetryPolicy, classify: @escaping @Sendable (any Error) -> FailureKind, sleeper: Sleeper = .continuous,
        now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }
    ) {
        self.policy = policy
        self.classify = classify
        self.sleeper = sleeper
        self.now = now
    }

    /// Runs `body` until it succeeds or is given up. - Throws: `CancellationError` only.
    public func run<Value: Sendable>(
        onFailure: (Failure) -> Void = { _ in }, _ body: () async throws -> Value
    ) async throws -> Outcome<Value> {
        var attempt = 0
        var permanentSince: ContinuousClock.Instant?
        while true {
            try Task.checkCancellation()
            do {
                return .succeeded(try await body())
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                attempt += 1
                let kind = classify(error)
                var failingFor = Duration.zero
                switch kind {
                case .transient:
                    permanentSince = nil
                case .permanent:
                    let instant = now()
                    if let since = permanentSince { failingFor = instant - since } else { permanentSince = instant }
                }
                let decision = policy.decide(kind: kind, failingFor: failingFor, delay: policy.backoff.delay(attempt: attempt))
                onFailure(Failure(error: error, kind: kind, attempt: attempt, failingFor: failingFor, decision: decision))
                switch decision {
                case .giveUp: return .gaveUp(error: error, attempts: attempt)
                case .retry(let delay): try await sleeper.sleep(for: delay)
                }
            }
        }
    }
}
