import Foundation
import ServiceRuntime
import Synchronization
import Testing

/// The poison rule with an injected clock: the sleeper advances the clock, so nothing waits.
@Suite("PoisonRetrier")
struct PoisonRetrierTests {
    struct Permanent: Error {}
    struct Transient: Error {}

    /// A clock that only moves when the retrier sleeps, and counts the sleeps.
    final class TestClock: Sendable {
        let origin = ContinuousClock.now
        let elapsed = Mutex(Duration.zero)
        let sleeps = Mutex([Duration]())
        var now: @Sendable () -> ContinuousClock.Instant { { self.origin + self.elapsed.withLock { $0 } } }
        var sleeper: Sleeper {
            Sleeper { duration in
                self.sleeps.withLock { $0.append(duration) }
                self.elapsed.withLock { $0 += duration }
            }
        }
    }

    static let policy = PoisonRetryPolicy(timeout: .seconds(60), backoff: Backoff(initial: .seconds(1), max: .seconds(8), jitter: .none))
    static let classify: @Sendable (any Error) -> FailureKind = { $0 is Permanent ? .permanent : .transient }

    func retrier(_ clock: TestClock, policy: PoisonRetryPolicy = policy) -> PoisonRetrier {
        PoisonRetrier(policy: policy, classify: Self.classify, sleeper: clock.sleeper, now: clock.now)
    }

    @Test("a permanent failure gives up once it has lasted the timeout, retrying with backoff meanwhile")
    func givesUpAfterTimeout() async throws {
        let clock = TestClock()
        let calls = Mutex(0)
        let outcome: PoisonRetrier.Outcome<Int> = try await retrier(clock).run {
            calls.withLock { $0 += 1 }
            throw Permanent()
        }
        guard case .gaveUp(let error, let attempts) = outcome else { Issue.record("expected gaveUp"); return }
        #expect(error is Permanent)
        // 1, 2, 4, 8, 8, … seconds; the last sleep is cut to land on the 60 s deadline.
        let sleeps = clock.sleeps.withLock { $0 }
        #expect(sleeps.prefix(5) == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(8)])
        #expect(sleeps.reduce(.zero, +) == .seconds(60))
        #expect(attempts == sleeps.count + 1)
        #expect(calls.withLock { $0 } == attempts)
    }

    @Test("a transient failure is retried however long it lasts, and success is returned")
    func outageIsWaitedOut() async throws {
        let clock = TestClock()
        let calls = Mutex(0)
        let outcome = try await retrier(clock).run { () throws -> String in
            let call = calls.withLock {
                $0 += 1; return $0
            }
            if call < 100 { throw Transient() }  // 99 failures ≈ 13 minutes of outage
            return "done"
        }
        guard case .succeeded(let value) = outcome else { Issue.record("expected success"); return }
        #expect(value == "done")
        #expect(clock.elapsed.withLock { $0 } > .seconds(600))
    }

    @Test("an outage ends a permanent streak: the timeout counts from the next permanent failure")
    func transientResetsTheStreak() async throws {
        let clock = TestClock()
        let calls = Mutex(0)
        var failures: [PoisonRetrier.Failure] = []
        let outcome: PoisonRetrier.Outcome<Void> = try await retrier(clock).run(onFailure: { failures.append($0) }) {
            let call = calls.withLock {
                $0 += 1; return $0
            }
            // Permanent for ~ 45 s, then an outage of 20 attempts, then permanent again.
            if (8...27).contains(call) { throw Transient() }
            throw Permanent()
        }
        guard case .gaveUp = outcome else { Issue.record("expected gaveUp"); return }
        let resumed = try #require(failures.firstIndex { $0.attempt == 28 })
        #expect(failures[resumed].failingFor == .zero)
        #expect(failures.last?.failingFor == .seconds(60))
        #expect(failures.filter { $0.kind == .transient }.allSatisfy { $0.decision != .giveUp })
    }

    @Test("with a zero timeout the first permanent failure gives up at once; success needs no sleep")
    func zeroTimeout() async throws {
        let clock = TestClock()
        let outcome: PoisonRetrier.Outcome<Void> = try await retrier(clock, policy: PoisonRetryPolicy(timeout: .zero)).run {
            throw Permanent()
        }
        guard case .gaveUp(_, let attempts) = outcome else { Issue.record("expected gaveUp"); return }
        #expect(attempts == 1)
        let success: PoisonRetrier.Outcome<Int> = try await retrier(clock).run { 7 }
        guard case .succeeded(7) = success else { Issue.record("expected 7"); return }
        #expect(clock.sleeps.withLock { $0 }.isEmpty)
    }

    @Test("cancellation is thrown, not given up")
    func cancellation() async throws {
        let clock = TestClock()
        await #expect(throws: CancellationError.self) {
            let _: PoisonRetrier.Outcome<Void> = try await retrier(clock).run { throw CancellationError() }
        }
    }

    @Test("the policy: transient always retries; permanent retries until the timeout, never sleeping past it")
    func decisions() {
        let policy = Self.policy
        #expect(policy.decide(kind: .transient, failingFor: .seconds(10_000), delay: .seconds(3)) == .retry(after: .seconds(3)))
        #expect(policy.decide(kind: .permanent, failingFor: .zero, delay: .seconds(3)) == .retry(after: .seconds(3)))
        #expect(policy.decide(kind: .permanent, failingFor: .seconds(59), delay: .seconds(8)) == .retry(after: .seconds(1)))
        #expect(policy.decide(kind: .permanent, failingFor: .seconds(60), delay: .seconds(8)) == .giveUp)
    }
}
