import Foundation
import StandIns
import Testing

@testable import Paziresh24

/// The real client (URLSession transport, system clock) against the stand-in over loopback HTTP.
@Suite(.serialized) final class StandInIntegrationTests {
    let standIn = Paziresh24StandIn()
    let client: Paziresh24Client

    init() throws {
        let port = try standIn.start()
        var configuration = Paziresh24Configuration(baseURL: try #require(URL(string: "http://127.0.0.1:\(port)")))
        configuration.requestTimeout = .seconds(1)
        configuration.maxAttempts = 3
        configuration.retry = Paziresh24RetryPolicy(
            initialDelay: .milliseconds(20), maxDelay: .milliseconds(100), jitter: 0.5, maxRetryAfter: .seconds(2))
        configuration.targetBreaker = Paziresh24BreakerPolicy(failureThreshold: 3, coolDown: .seconds(60))
        client = Paziresh24Client(configuration: configuration)
    }

    deinit {
        standIn.stop()
    }

    private var freeDaysRequests: [Paziresh24RequestRecord] {
        standIn.requests().filter { $0.path == "/booking/v2/getFreeDays" }
    }

    @Test func resolvesTheRecordedDoctorAndPollsEachTargetOnce() async throws {
        let profile = try await client.resolveDoctor("https://www.paziresh24.com/dr/دکتر-هدیه-جباری-0/")
        #expect(profile.displayName == "هدیه جباری")
        #expect(profile.bookableTargets.count == 2)

        var byTarget: [String: [FreeSlot]] = [:]
        for target in profile.bookableTargets {
            byTarget[target.id] = try await client.freeSlots(target.query)
        }
        let online = try #require(byTarget["5532:\(Paziresh24Fixture.onlineServiceId)"])
        #expect(online.prefix(4).map(\.tehranStartTime) == ["15:00", "15:10", "15:20", "15:30"])
        #expect(online.count == 12)
        #expect(byTarget["\(Paziresh24Fixture.officeCenterId):\(Paziresh24Fixture.officeServiceId)"] == [])  // status 32

        let logged = freeDaysRequests
        #expect(logged.count == 2)  // one getFreeDays per (center, service)
        for record in logged {
            #expect(record.contentType == "application/x-www-form-urlencoded")
            #expect(record.form["return_free_turns"] == nil)
            #expect(record.form["return_type"] == "calendar" && record.form["server_id"] == "1")
            #expect(record.headers["user-agent"]?.contains("Chrome/154.0.0.0") == true)
            #expect(record.headers["accept"] == "application/json")
            #expect(record.headers["accept-timezone"] == "Asia/Tehran")
            #expect(record.headers["cookie"] == nil)
        }
        #expect(standIn.requests().allSatisfy { !$0.forbidden })
    }

    @Test func unknownDoctorsAndWrongServicesAreTypedErrors() async {
        await #expect {
            try await client.resolveDoctor("dr-nobody-0")
        } throws: { ($0 as? Paziresh24Error)?.kind == .doctorNotFound }
        let wrong = FreeSlotsQuery(centerId: "5532", serviceId: "not-a-service", userCenterId: Paziresh24Fixture.onlineUserCenterId)
        await #expect {
            try await client.freeSlots(wrong)
        } throws: { ($0 as? Paziresh24Error)?.kind == .bookingDisabled }
    }

    @Test func scenarioSlotsReachTheClient() async throws {
        standIn.registerDoctor(
            Paziresh24StandInDoctor(
                slug: "dr-test-1", name: "Sara", family: "Test", specialty: "متخصص قلب",
                centers: [
                    .init(id: "c-1", name: "Office", userCenterId: "uc-1", services: [.init(id: "s-1", name: "ویزیت")])
                ]))
        let profile = try await client.resolveDoctor("https://www.paziresh24.com/dr/dr-test-1/")
        #expect(profile.displayName == "Sara Test" && profile.specialty == "متخصص قلب")
        let target = try #require(profile.bookableTargets.first)
        #expect(try await client.freeSlots(target.query) == [])

        let start = 1_796_000_000 - 1_796_000_000 % 600
        standIn.setSlots(.init(centerId: "c-1", serviceId: "s-1", starts: [start + 600, start], slice: 900))
        let slots = try await client.freeSlots(target.query)
        #expect(slots.map(\.startUnixSeconds) == [start, start + 600])
        #expect(slots.allSatisfy { $0.end.timeIntervalSince($0.start) == 900 })

        standIn.setSlots(.init(centerId: "c-1", serviceId: "s-1", starts: []))
        #expect(try await client.freeSlots(target.query) == [])
    }

    @Test func retriesThroughRateLimitsAndServerErrors() async throws {
        standIn.addFaults(
            Paziresh24FaultPlan(
                target: TestSetup.query.targetKey,
                faults: [.init(kind: .rateLimit, retryAfterSeconds: 1), .init(kind: .serverError, status: 502)]))
        let started = ContinuousClock.now
        let slots = try await client.freeSlots(TestSetup.query)
        #expect(slots.count == 12)
        #expect(ContinuousClock.now - started >= .seconds(1))  // Retry-After honoured
        #expect(freeDaysRequests.map(\.status) == [429, 502, 200])
        #expect(freeDaysRequests.map(\.fault) == ["rate_limit", "server_error", nil])
    }

    @Test func aHangingGatewayTimesOutAndTheRetrySucceeds() async throws {
        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .hang, seconds: 3)]))
        let started = ContinuousClock.now
        let slots = try await client.freeSlots(TestSetup.query)
        let elapsed = ContinuousClock.now - started
        #expect(slots.count == 12)
        #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(3))
    }

    @Test func persistentFailuresEndInTheRightErrorAndOpenTheBreaker() async {
        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .serverError, count: 20, status: 504)]))
        await #expect {
            try await client.freeSlots(TestSetup.query)
        } throws: { ($0 as? Paziresh24Error)?.kind == .httpStatus(504) }
        #expect(freeDaysRequests.count == 3)
        #expect(client.breakerState(forTarget: TestSetup.query.targetKey) == .open)
        await #expect {
            try await client.freeSlots(TestSetup.query)
        } throws: { ($0 as? Paziresh24Error)?.kind == .circuitOpen }
        #expect(freeDaysRequests.count == 3)
    }

    @Test func aNonJSONAnswerIsMalformed() async {
        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .malformed)]))
        await #expect {
            try await client.freeSlots(TestSetup.query)
        } throws: { error in
            guard case .malformedResponse = (error as? Paziresh24Error)?.kind else { return false }
            return true
        }
    }

    @Test func redirectsAreFollowedOnlyWhileTheyStayReadOnly() async throws {
        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .redirect, status: 307, location: "/booking/v2/suspend")]))
        await #expect {
            try await client.freeSlots(TestSetup.query)
        } throws: { error in
            guard case .forbiddenEndpoint(let target) = (error as? Paziresh24Error)?.kind else { return false }
            return target.hasSuffix("/booking/v2/suspend")
        }
        #expect(standIn.requests().allSatisfy { !$0.forbidden })
        #expect(standIn.requests().count == 1)

        standIn.addFaults(Paziresh24FaultPlan(faults: [.init(kind: .redirect, status: 307, location: "/booking/v2/getFreeDays")]))
        #expect(try await client.freeSlots(TestSetup.query).count == 12)
        #expect(standIn.requests().map(\.status) == [307, 307, 200])
        #expect(standIn.requests().last?.form["center_id"] == "5532")
    }
}
