import Foundation
import StandIns
import Testing

@testable import Paziresh24

@Suite struct CircuitBreakerTests {
    let slots = ScriptedTransport.data(200, Paziresh24Fixture.freeDaysSlots.data)
    let other = FreeSlotsQuery(centerId: "c2", serviceId: "s2", userCenterId: "u2")

    private func oneAttemptConfiguration(hostThreshold: Int = 100) -> Paziresh24Configuration {
        var configuration = TestSetup.configuration(maxAttempts: 1)
        configuration.targetBreaker = Paziresh24BreakerPolicy(failureThreshold: 3, coolDown: .seconds(60))
        configuration.hostBreaker = Paziresh24BreakerPolicy(failureThreshold: hostThreshold, coolDown: .seconds(30))
        return configuration
    }

    private func isCircuitOpen(_ error: any Error) -> Bool {
        (error as? Paziresh24Error)?.kind == .circuitOpen
    }

    @Test func targetBreakerOpensHalfOpensAndCloses() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(503, ""), ScriptedTransport.json(503, ""), .fail(Paziresh24Error(.timeout)), slots,
        ])
        let clock = ManualClock()
        let client = TestSetup.client(transport, configuration: oneAttemptConfiguration(), clock: clock)
        let key = TestSetup.query.targetKey
        for _ in 0..<3 {
            await #expect(throws: Paziresh24Error.self) { try await client.freeSlots(TestSetup.query) }
        }
        #expect(client.breakerState(forTarget: key) == .open)
        await #expect { try await client.freeSlots(TestSetup.query) } throws: { isCircuitOpen($0) }
        #expect(transport.requestCount == 3)  // refused without a request

        clock.advance(by: .seconds(59))
        #expect(client.breakerState(forTarget: key) == .open)
        clock.advance(by: .seconds(1))
        #expect(client.breakerState(forTarget: key) == .halfOpen)
        #expect(client.breakerStates()[key] == .halfOpen)

        let found = try await client.freeSlots(TestSetup.query)  // the probe succeeds
        #expect(!found.isEmpty)
        #expect(client.breakerState(forTarget: key) == .closed)
    }

    @Test func failedProbeReopensForAnotherCoolDown() async {
        let transport = ScriptedTransport([], fallback: ScriptedTransport.json(502, ""))
        let clock = ManualClock()
        let client = TestSetup.client(transport, configuration: oneAttemptConfiguration(), clock: clock)
        for _ in 0..<3 { _ = try? await client.freeSlots(TestSetup.query) }
        clock.advance(by: .seconds(60))
        await #expect(throws: Paziresh24Error(.httpStatus(502), context: "POST /booking/v2/getFreeDays \(TestSetup.query.targetKey)")) {
            try await client.freeSlots(TestSetup.query)
        }
        #expect(transport.requestCount == 4)
        #expect(client.breakerState(forTarget: TestSetup.query.targetKey) == .open)
        clock.advance(by: .seconds(30))
        await #expect { try await client.freeSlots(TestSetup.query) } throws: { isCircuitOpen($0) }
        #expect(transport.requestCount == 4)
    }

    @Test func onlyConsecutiveFailuresCount() async {
        let transport = ScriptedTransport([
            ScriptedTransport.json(503, ""), ScriptedTransport.json(503, ""), slots,
            ScriptedTransport.json(503, ""), ScriptedTransport.json(503, ""),
        ])
        let client = TestSetup.client(transport, configuration: oneAttemptConfiguration())
        for _ in 0..<5 { _ = try? await client.freeSlots(TestSetup.query) }
        #expect(client.breakerState(forTarget: TestSetup.query.targetKey) == .closed)
    }

    @Test func oneTargetsBreakerDoesNotStopOthers() async throws {
        let transport = ScriptedTransport([
            ScriptedTransport.json(503, ""), ScriptedTransport.json(503, ""), ScriptedTransport.json(503, ""),
            ScriptedTransport.json(200, TestSetup.status32),
        ])
        let client = TestSetup.client(transport, configuration: oneAttemptConfiguration())
        for _ in 0..<3 { _ = try? await client.freeSlots(TestSetup.query) }
        #expect(try await client.freeSlots(other) == [])
        #expect(client.breakerState(forTarget: other.targetKey) == .closed)
        #expect(client.breakerState(forTarget: TestSetup.query.targetKey) == .open)
    }

    @Test func hostBreakerOpensAcrossTargets() async {
        let transport = ScriptedTransport([], fallback: ScriptedTransport.json(504, "<html>504</html>"))
        let clock = ManualClock()
        let client = TestSetup.client(transport, configuration: oneAttemptConfiguration(hostThreshold: 2), clock: clock)
        _ = try? await client.freeSlots(TestSetup.query)
        _ = try? await client.freeSlots(other)
        let hostKey = client.hostBreakerKey(for: .getFreeDays)
        #expect(hostKey == "host:apigw.paziresh24.com")
        #expect(client.breakerStates()[hostKey] == .open)
        let third = FreeSlotsQuery(centerId: "c3", serviceId: "s3", userCenterId: "u3")
        await #expect {
            try await client.freeSlots(third)
        } throws: { error in
            isCircuitOpen(error) && ((error as? Paziresh24Error)?.context?.contains(hostKey) ?? false)
        }
        #expect(transport.requestCount == 2)
        // The profile host has its own breaker.
        #expect(client.breakerStates()["host:drprofile.paziresh24.com"] == nil)
        clock.advance(by: .seconds(30))
        #expect(client.breakerStates()[hostKey] == .halfOpen)
    }

    @Test func breakerOpeningMidRetryEndsWithTheRealError() async {
        var configuration = TestSetup.configuration(maxAttempts: 5)
        configuration.targetBreaker = Paziresh24BreakerPolicy(failureThreshold: 2, coolDown: .seconds(60))
        let transport = ScriptedTransport([], fallback: ScriptedTransport.json(503, ""))
        let clock = ManualClock()
        let client = TestSetup.client(transport, configuration: configuration, clock: clock)
        await #expect {
            try await client.freeSlots(TestSetup.query)
        } throws: { error in
            (error as? Paziresh24Error)?.kind == .httpStatus(503)
        }
        #expect(transport.requestCount == 2)
        #expect(clock.sleeps == [.seconds(1)])  // no wait for an attempt the open breaker would refuse
    }

    @Test func notFoundAndRefusalsDoNotCountAsFailures() async {
        let transport = ScriptedTransport([], fallback: ScriptedTransport.json(200, #"{"status":700,"message":"off"}"#))
        let client = TestSetup.client(transport, configuration: oneAttemptConfiguration())
        for _ in 0..<5 { _ = try? await client.freeSlots(TestSetup.query) }
        #expect(client.breakerState(forTarget: TestSetup.query.targetKey) == .closed)
        #expect(transport.requestCount == 5)
    }

    @Test func halfOpenLetsExactlyOneProbeThrough() {
        var breaker = CircuitBreaker(policy: Paziresh24BreakerPolicy(failureThreshold: 1, coolDown: .seconds(10)))
        #expect(breaker.admit(at: .zero) == .allowed)
        breaker.recordFailure(at: .zero)
        #expect(breaker.state(at: .seconds(5)) == .open)
        #expect(breaker.admit(at: .seconds(5)) == .refused)
        #expect(breaker.admit(at: .seconds(10)) == .probe)
        #expect(breaker.admit(at: .seconds(10)) == .refused)
        breaker.recordAbandoned()  // the probe was cancelled: the next request may probe
        #expect(breaker.admit(at: .seconds(11)) == .probe)
        breaker.recordSuccess()
        #expect(breaker.state(at: .seconds(11)) == .closed)
        #expect(BreakerState.open.gaugeValue == 2 && BreakerState.halfOpen.rawValue == "half_open")
    }
}
