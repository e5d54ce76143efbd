import Foundation
import StandIns
import Testing

@testable import Paziresh24

/// Retries, backoff and Retry-After, with a scripted transport and a clock that never waits.
@Suite struct RetryTests {
    let slots = ScriptedTransport.data(200, Paziresh24Fixture.freeDaysSlots.data)

    @Test func timeoutsAreRetriedWithExponentialBackoff() async throws {
        let transport = ScriptedTransport([.fail(Paziresh24Error(.timeout)), .fail(Paziresh24Error(.timeout)), slots])
        let clock = ManualClock()
        let client = TestSetup.client(transport, clock: clock)
        let found = try await client.freeSlots(TestSetup.query)
        #expect(found.count == 12)
        #expect(transport.requestCount == 3)
        #expect(clock.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func serverErrorsAndConnectionFailuresAreRetried() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(504, "<html>504 Gateway Time-out</html>"),
            .fail(Paziresh24Error(.transport("connection reset"))), slots,
        ])
        let clock = ManualClock()
        let found = try await TestSetup.client(transport, clock: clock).freeSlots(TestSetup.query)
        #expect(!found.isEmpty)
        #expect(clock.sleeps == [.seconds(1), .seconds(2)])
    }

    @Test func givesUpAfterMaxAttemptsWithTheLastError() async {
        let transport = ScriptedTransport([], fallback: ScriptedTransport.json(503, "busy"))
        let clock = ManualClock()
        var configuration = TestSetup.configuration(maxAttempts: 4)
        configuration.targetBreaker = Paziresh24BreakerPolicy(failureThreshold: 10, coolDown: .seconds(60))
        let client = TestSetup.client(transport, configuration: configuration, clock: clock)
        await #expect(throws: Paziresh24Error(.httpStatus(503), context: "POST /booking/v2/getFreeDays \(TestSetup.query.targetKey)")) {
            try await client.freeSlots(TestSetup.query)
        }
        #expect(transport.requestCount == 4)
        #expect(clock.sleeps == [.seconds(1), .seconds(2), .seconds(4)])
    }

    @Test func backoffIsCappedAndJittered() {
        let policy = Paziresh24RetryPolicy(initialDelay: .seconds(1), maxDelay: .seconds(8), multiplier: 2, jitter: 0.5)
        #expect(policy.delay(afterAttempt: 1, random: 0) == .seconds(1))
        #expect(policy.delay(afterAttempt: 3, random: 0) == .seconds(4))
        #expect(policy.delay(afterAttempt: 10, random: 0) == .seconds(8))
        #expect(policy.delay(afterAttempt: 3, random: 0.5) == .seconds(3))
        let lowest = policy.delay(afterAttempt: 3, random: 0.999_999_9)
        #expect(lowest >= .seconds(2) && lowest < .milliseconds(2001))
    }

    @Test func jitterComesFromTheInjectedRandomSource() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(502, "bad gateway"), slots])
        let clock = ManualClock()
        _ = try await TestSetup.client(transport, clock: clock, random: 0.5).freeSlots(TestSetup.query)
        #expect(clock.sleeps == [.milliseconds(750)])
    }

    @Test func rateLimitWaitsExactlyRetryAfter() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(429, "{}", headers: [("retry-after", "7")]), slots,
        ])
        let clock = ManualClock()
        _ = try await TestSetup.client(transport, clock: clock).freeSlots(TestSetup.query)
        #expect(clock.sleeps == [.seconds(7)])
        #expect(transport.requestCount == 2)
    }

    @Test func rateLimitWithoutRetryAfterUsesBackoff() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(429, "{}"), slots])
        let clock = ManualClock()
        _ = try await TestSetup.client(transport, clock: clock).freeSlots(TestSetup.query)
        #expect(clock.sleeps == [.seconds(1)])
    }

    @Test func retryAfterBeyondTheCapEndsTheCallAtOnce() async {
        let transport = ScriptedTransport([ScriptedTransport.json(429, "{}", headers: [("Retry-After", "120")]), slots])
        let clock = ManualClock()
        let client = TestSetup.client(transport, clock: clock)
        await #expect {
            try await client.freeSlots(TestSetup.query)
        } throws: { error in
            guard let error = error as? Paziresh24Error else { return false }
            return error.kind == .rateLimited(retryAfter: .seconds(120)) && error.isRetriable
        }
        #expect(transport.requestCount == 1)
        #expect(clock.sleeps.isEmpty)
    }

    /// Issue #11: `Retry-After: 1e300` used to trap in `Int64(seconds * 1000)`.
    @Test(arguments: ["1e300", "99999999999999999999999", "Fri, 31 Dec 9999 23:59:59 GMT", "1e400"])
    func absurdRetryAfterIsClampedNotATrap(value: String) async {
        let transport = ScriptedTransport([ScriptedTransport.json(429, "{}", headers: [("Retry-After", value)]), slots])
        let clock = ManualClock()
        let client = TestSetup.client(transport, clock: clock)
        await #expect {
            try await client.freeSlots(TestSetup.query)
        } throws: { error in
            (error as? Paziresh24Error)?.kind == .rateLimited(retryAfter: .seconds(3600))
        }
        #expect(clock.sleeps.isEmpty)
    }

    @Test func retryAfterAcceptsHTTPDates() {
        let now = Date(timeIntervalSince1970: 1_791_286_200)
        let later = "Tue, 06 Oct 2026 11:30:10 GMT"  // 15:00:10 Tehran = now + 10 s
        #expect(Paziresh24Client.parseRetryAfter(later, now: now) == .seconds(10))
        #expect(Paziresh24Client.parseRetryAfter(" 2 ", now: now) == .seconds(2))
        #expect(Paziresh24Client.parseRetryAfter("soon", now: now) == nil)
    }

    @Test func refusalsAndClientErrorsAreNotRetried() async {
        for (step, kind) in [
            (ScriptedTransport.json(200, #"{"status":700,"message":"off"}"#), Paziresh24Error.Kind.bookingDisabled),
            (ScriptedTransport.json(200, #"{"status":3,"message":"bad terminal"}"#), .refused(status: 3, message: "bad terminal")),
            (ScriptedTransport.json(404, "not found"), .httpStatus(404)),
            (ScriptedTransport.json(200, "<html>maintenance</html>"), .malformedResponse("")),
            (.fail(Paziresh24Error(.cancelled)), .cancelled),
        ] {
            let transport = ScriptedTransport([step, slots])
            let clock = ManualClock()
            let client = TestSetup.client(transport, clock: clock)
            await #expect {
                try await client.freeSlots(TestSetup.query)
            } throws: { error in
                guard let error = error as? Paziresh24Error else { return false }
                if case .malformedResponse = kind, case .malformedResponse = error.kind { return true }
                return error.kind == kind
            }
            #expect(transport.requestCount == 1)
            #expect(clock.sleeps.isEmpty)
        }
    }

    @Test func status32IsAnEmptyListNotAnError() async throws {
        let transport = ScriptedTransport([ScriptedTransport.json(200, TestSetup.status32)])
        #expect(try await TestSetup.client(transport).freeSlots(TestSetup.query) == [])
        #expect(transport.requestCount == 1)
    }

    @Test func maxAttemptsOneMeansNoRetry() async {
        let transport = ScriptedTransport([.fail(Paziresh24Error(.timeout)), slots])
        let client = TestSetup.client(transport, configuration: TestSetup.configuration(maxAttempts: 1))
        await #expect(throws: Paziresh24Error.self) { try await client.freeSlots(TestSetup.query) }
        #expect(transport.requestCount == 1)
    }

    @Test func foreignErrorsFromATransportBecomeTransportErrors() async {
        struct Weird: Error {}
        final class Throwing: HTTPTransport {
            func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse { throw Weird() }
        }
        let client = Paziresh24Client(
            configuration: TestSetup.configuration(maxAttempts: 2), transport: Throwing(), clock: ManualClock(),
            random: { 0 })
        await #expect {
            try await client.freeSlots(TestSetup.query)
        } throws: { error in
            guard let error = error as? Paziresh24Error, case .transport = error.kind else { return false }
            return true
        }
    }
}
