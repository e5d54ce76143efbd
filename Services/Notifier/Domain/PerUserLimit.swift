import Foundation

/// The per-user limit: how many notices one user may receive about one doctor.
///
/// Every (user, doctor) has a token bucket (`TokenBucket`: `perDay` a day, bursts of `burst`). A
/// claimed notice with fresh slots takes one token — earliest slot first within a (user, doctor) —
/// or its fresh slots are suppressed (`rate_limited`); slots re-claimed from `pending` already paid
/// when they were first claimed and always go. A bucket seen for the first time starts full.
///
/// This type is the whole rule. A store only loads the buckets `bucketKeys(for:)` names (creating
/// missing ones with `initialState(now:)` and locking them), calls `decide`, and saves the
/// returned states, all in the transaction that claims the ledger rows — which is what keeps the
/// limit exact across notifier replicas.
public struct PerUserLimit: Sendable, Hashable {
    /// The bucket every (user, doctor) has.
    public var bucket: TokenBucket

    /// Creates the limit.
    public init(bucket: TokenBucket) {
        self.bucket = bucket
    }

    /// "`perDay` notices per user and doctor per day, with a burst of `burst`."
    public static func perDay(_ perDay: Double, burst: Double) -> PerUserLimit {
        PerUserLimit(bucket: .perDay(perDay, burst: burst))
    }

    /// What `decide` returns: the claim's outcome and the new state of every bucket it was given.
    public struct Decision: Sendable, Equatable {
        /// Notices to send and notices suppressed.
        public var result: ClaimResult
        /// The states to save (every bucket passed in, refilled to `now` and minus what was taken).
        public var states: [BucketKey: BucketState]
    }

    /// The state of a bucket that does not exist yet: full at `now`.
    public func initialState(now: Date) -> BucketState {
        BucketState(tokens: bucket.capacity, updatedAt: now)
    }

    /// The buckets a claim must load (and lock), sorted: those of the candidates with fresh slots.
    public func bucketKeys(for candidates: [ClaimCandidate]) -> [BucketKey] {
        Set(candidates.filter { !$0.fresh.isEmpty }.map(\.bucketKey)).sorted()
    }

    /// Decides which candidates go and which are suppressed, given the loaded bucket states.
    /// A paying candidate whose bucket is missing from `states` is not granted.
    public func decide(_ candidates: [ClaimCandidate], states: [BucketKey: BucketState], now: Date) -> Decision {
        var states = states
        let paying = candidates.indices.filter { !candidates[$0].fresh.isEmpty }
            .sorted { candidates[$0].earliest < candidates[$1].earliest }
        var granted = Set<Int>()
        for index in paying {
            let key = candidates[index].bucketKey
            guard let state = states[key] else { continue }
            let taken = bucket.take(tokens: state.tokens, updatedAt: state.updatedAt, now: now)
            states[key] = BucketState(tokens: taken.tokens, updatedAt: now)
            if taken.granted { granted.insert(index) }
        }
        var toSend: [Notice] = []
        var suppressed: [Notice] = []
        for (index, candidate) in candidates.enumerated() {
            if candidate.fresh.isEmpty || granted.contains(index) {
                toSend.append(candidate.with(candidate.reclaimed + candidate.fresh))
                continue
            }
            suppressed.append(candidate.with(candidate.fresh))
            if !candidate.reclaimed.isEmpty { toSend.append(candidate.with(candidate.reclaimed)) }
        }
        return Decision(result: ClaimResult(toSend: toSend, suppressed: suppressed), states: states)
    }
}
