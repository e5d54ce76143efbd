import Foundation
import HTTPServer
import StandIns
import Testing

/// Fault injection: 429 with Retry-After, 5xx pages, hangs, non-JSON answers, latency; per target or global.
@Suite struct Paziresh24StandInFaultTests {
    typealias R = Paziresh24Requests
    let standIn = Paziresh24StandIn()
    static let onlineTarget = "5532:\(Paziresh24Fixture.onlineServiceId)"

    private func online() async -> HTTPResponse { await standIn.handle(R.freeDays(R.onlineForm)) }
    private func office() async -> HTTPResponse { await standIn.handle(R.freeDays(R.officeForm)) }

    @Test func nextAnswersAreRateLimitedWithRetryAfter() async {
        let plan = #"{"faults": [{"kind": "rate_limit", "count": 2, "retry_after_seconds": 3}]}"#
        #expect(await standIn.handle(R.control("POST", "/control/faults", json: plan)).status == 200)
        for _ in 0..<2 {
            let limited = await online()
            #expect(limited.status == 429)
            #expect(limited.header("Retry-After") == "3")
        }
        #expect(await online().status == 200)
    }

    @Test func faultsRunInTheOrderPosted() async {
        standIn.addFaults(
            Paziresh24FaultPlan(faults: [
                .init(kind: .serverError, status: 502), .init(kind: .rateLimit), .init(kind: .malformed),
            ]))
        let statuses = [await online().status, await online().status, await online().status, await online().status]
        #expect(statuses == [502, 429, 200, 200])
        #expect(standIn.requests().map(\.fault) == ["server_error", "rate_limit", "malformed", nil])
    }

    @Test func serverErrorsAreHTMLPages() async {
        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .serverError)]))
        let response = await online()
        #expect(response.status == 503)
        #expect(response.header("Content-Type") == "text/html")
        #expect(String(decoding: response.body, as: UTF8.self).contains("<title>503"))
    }

    @Test func aTargetsFaultsLeaveOtherTargetsAlone() async {
        standIn.addFaults(Paziresh24FaultPlan(target: Self.onlineTarget, faults: [.init(kind: .serverError, count: 2)]))
        #expect(await office().status == 200)
        #expect(await online().status == 503)
        #expect(await office().status == 200)
        #expect(await online().status == 503)
        #expect(await online().status == 200)
    }

    @Test func targetFaultsComeBeforeGlobalOnes() async {
        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .serverError, status: 500)]))
        standIn.addFaults(Paziresh24FaultPlan(target: Self.onlineTarget, faults: [.init(kind: .rateLimit)]))
        #expect(await online().status == 429)
        #expect(await online().status == 500)
        #expect(await online().status == 200)
    }

    @Test func profileRequestsHaveTheirOwnScope() async {
        standIn.addFaults(Paziresh24FaultPlan(target: "profile:\(Paziresh24Fixture.recordedSlug)", faults: [.init(kind: .serverError)]))
        #expect(await online().status == 200)
        #expect(await standIn.handle(R.get("/api/full-profile/\(Paziresh24Fixture.recordedSlug)/")).status == 503)
    }

    @Test func hangsWaitThenAnswerAGatewayTimeout() async {
        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .hang, seconds: 0.3)]))
        let started = ContinuousClock.now
        let response = await online()
        #expect(ContinuousClock.now - started >= .milliseconds(300))
        #expect(response.status == 504)
        #expect(standIn.requests().last?.durationMs ?? 0 >= 300)
    }

    @Test func latencyDelaysEveryAnswerUntilCleared() async {
        standIn.addFaults(Paziresh24FaultPlan(latencyMs: 150))
        var started = ContinuousClock.now
        #expect(await online().status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(150))
        started = ContinuousClock.now
        #expect(await office().status == 200)
        #expect(ContinuousClock.now - started >= .milliseconds(150))

        standIn.addFaults(Paziresh24FaultPlan(clear: true))
        started = ContinuousClock.now
        _ = await online()
        #expect(ContinuousClock.now - started < .milliseconds(150))
    }

    @Test func clearDropsQueuedFaultsAndResetDropsEverything() async {
        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .serverError, count: 5)]))
        standIn.addFaults(Paziresh24FaultPlan(target: "global", clear: true))
        #expect(await online().status == 200)
        standIn.addFaults(Paziresh24FaultPlan(target: Self.onlineTarget, faults: [.init(kind: .serverError, count: 5)]))
        standIn.reset()
        #expect(await online().status == 200)
    }

    @Test func controlCallsAreNeverFaulted() async {
        standIn.addFaults(Paziresh24FaultPlan(latencyMs: 0, faults: [.init(kind: .serverError, count: 3)]))
        #expect(await standIn.handle(R.control("GET", "/control/requests")).status == 200)
        #expect(await standIn.handle(R.control("POST", "/control/reset")).status == 200)
    }
}
