import Foundation
import Messaging
import StandIns
import TestSupport
import Testing

extension ScraperProcessSuites {
    /// Issue #7, scraper part: failure drills against the real executable, a private broker (whose
    /// control FIFO injects the faults) and the in-process paziresh24 stand-in. Each drill is bounded
    /// and counts from the stand-in's request log and from what reached the topics.
    ///
    /// Reproduce: `scripts/test.sh --filter ScraperDrill`.
    @Suite("Scraper drills", .serialized, .enabled(if: ScraperFleet.isEnabled))
    struct ScraperDrillTests {
        /// Slot starts (Unix seconds) two days ahead, 10 minutes apart, so every slot is in the future.
        static func futureStarts(_ count: Int, from offset: Int = 0) -> [Int] {
            let base = (Int(Date().timeIntervalSince1970) / 86_400 + 2) * 86_400 + 6 * 3_600
            return (0..<count).map { base + ($0 + offset) * 600 }
        }

        @Test("broker down while publishing: /readyz turns 503 and back, and no slot.found of the outage is lost")
        func brokerOutage() async throws {
            try await Self.brokerOutageBody()
        }

        static func brokerOutageBody() async throws {
            let initial = futureStarts(1)
            let fleet = try await ScraperFleet.start(targets: 8, prefix: "outage") { _ in initial }
            var stopped = false
            defer { if !stopped { Task { await fleet.stop() } } }
            let scraper = try fleet.startScraper(
                "scraper-outage", extra: ["SCRAPER_MIN_INTERVAL_SECONDS": "1", "SCRAPER_GLOBAL_RATE": "40"])
            _ = try await fleet.waitForStableAssignment(of: [scraper], quiet: .seconds(1))
            try await waitUntil("ready and every target polled", timeout: .seconds(20)) {
                let polled = Set(try await fleet.freeDaysRequests().compactMap(\.target))
                return try await scraper.get("/readyz").status == 200 && polled.count == fleet.targets.count
            }

            // Outage: longer than the session timeout, so the consumer also loses its group session.
            try fleet.broker.control("broker-down 1")
            let downAt = Date()
            try await waitUntil("/readyz 503 while the broker is down", timeout: .seconds(10)) {
                try await scraper.get("/readyz").status == 503
            }
            let readyzDownAfter = Date().timeIntervalSince(downAt)
            // Slots appear during the outage, in two waves.
            let waveOne = futureStarts(2, from: 10), waveTwo = futureStarts(2, from: 20)
            for target in fleet.targets { try await fleet.standIn.setSlots(target.slots(waveOne, mode: .add)) }
            try await letTimePass(.seconds(4), "the outage goes on while wave one is polled")
            for target in fleet.targets { try await fleet.standIn.setSlots(target.slots(waveTwo, mode: .add)) }
            try await letTimePass(.seconds(5), "the outage outlasts the session timeout")
            let polledDuringOutage = try await fleet.freeDaysRequests(from: downAt).count
            try fleet.broker.control("broker-up 1")
            let upAt = Date()
            try await waitUntil("/readyz 200 after the broker is back", timeout: .seconds(30)) {
                try await scraper.get("/readyz").status == 200
            }
            let readyzUpAfter = Date().timeIntervalSince(upAt)

            // Every (target, slot start) that was free must be on the slots topic.
            let expected = Set(fleet.targets.flatMap { target in (initial + waveOne + waveTwo).map { "\(target.id)@\($0)" } })
            let slots = try TopicRecorder(bootstrap: fleet.broker.bootstrap, topic: Topic.slots, schemas: [SlotFoundV1.schema])
            var found: Set<String> = []
            try? await eventually(within: .seconds(45), every: .milliseconds(300), "every slot of the outage on the slots topic") {
                found = Set(slots.slots.map { "\($0.targetId)@\(Int($0.slot.start.timeIntervalSince1970))" })
                return expected.isSubset(of: found)
            }
            let missing = expected.subtracting(found)
            print(
                "broker outage drill: \(expected.count) distinct (target, slot) expected, \(found.intersection(expected).count) on the slots topic; "
                    + String(format: "/readyz 503 after %.1f s, 200 again %.1f s after broker-up; ", readyzDownAfter, readyzUpAfter)
                    + "\(polledDuringOutage) getFreeDays requests during the outage")
            #expect(missing.isEmpty, "slot.found lost: \(missing.sorted())\n\(fleet.logs())")
            // Reconnects are capped at 2 s (librdkafka's default backoff grows to 10 s).
            #expect(readyzUpAfter <= 5, "/readyz took \(readyzUpAfter) s to recover after broker-up")

            let metrics = try await scraper.metrics()
            #expect((metrics["slothunter_scraper_slots_found_total"] ?? 0) >= Double(expected.count))
            stopped = true
            let statuses = await fleet.stop(closing: [slots])
            #expect(statuses.values.allSatisfy { $0 == 0 }, "exit statuses \(statuses)\n\(fleet.logs())")
        }

        @Test("429/5xx storm: the rate drops (cool-down), the host breaker opens and closes, all on /metrics")
        func errorStorm() async throws {
            try await Self.errorStormBody()
        }

        static func errorStormBody() async throws {
            let starts = futureStarts(2)
            let fleet = try await ScraperFleet.start(targets: 20, prefix: "storm") { _ in starts }
            var stopped = false
            defer { if !stopped { Task { await fleet.stop() } } }
            let rate = 10.0
            let interactive = 0.2
            // Demand (20 targets / 1 s) exceeds the budget, so the budget sets the request rate.
            let scraper = try fleet.startScraper(
                "scraper-storm",
                extra: [
                    "SCRAPER_MIN_INTERVAL_SECONDS": "1", "SCRAPER_GLOBAL_RATE": String(rate), "SCRAPER_COOLDOWN_SECONDS": "4",
                    "PAZIRESH24_HOST_BREAKER_COOLDOWN_MS": "2000", "PAZIRESH24_TARGET_BREAKER_COOLDOWN_MS": "2000",
                    // One attempt per poll, so each storm answer shows up as that poll's outcome.
                    "PAZIRESH24_MAX_ATTEMPTS": "1",
                    // The bot's reserved share comes out of the scraper's budget (fleet total = rate).
                    "PAZIRESH24_INTERACTIVE_RATE": String(interactive),
                ])
            _ = try await fleet.waitForStableAssignment(of: [scraper], quiet: .seconds(1))
            let hostBreaker = "{target=\"host:127.0.0.1:\(fleet.standInURL.port!)\"}"

            try await letTimePass(.seconds(2), "the first polls after the assignment settle")
            let baselineStart = Date()
            try await letTimePass(.seconds(4), "the baseline rate is measured over a window")
            let baseline = Double(try await fleet.freeDaysRequests(from: baselineStart, to: Date()).count) / 4

            // The storm: 429s (Retry-After 1 s) then 503 pages, for 8 s.
            try await fleet.standIn.addFaults(
                Paziresh24FaultPlan(faults: [
                    .init(kind: .rateLimit, count: 5, retryAfterSeconds: 1), .init(kind: .serverError, count: 100_000, status: 503),
                ]))
            let stormStart = Date()
            var sawOpen = false, sawCoolDown = false, lowestBudget = Double.infinity
            while Date().timeIntervalSince(stormStart) < 8 {
                let metrics = try await scraper.metrics()
                sawOpen = sawOpen || metrics["slothunter_scraper_breaker_open\(hostBreaker)"] == 1
                sawCoolDown = sawCoolDown || metrics["slothunter_scraper_budget_cooldown"] == 1
                lowestBudget = min(lowestBudget, metrics["slothunter_scraper_budget_requests_per_second"] ?? .infinity)
                try await Task.sleep(for: .milliseconds(250))
            }
            let stormEnd = Date()
            try await fleet.standIn.addFaults(Paziresh24FaultPlan(clear: true))
            let during = try await fleet.freeDaysRequests(from: stormStart, to: stormEnd)
            let stormRate = Double(during.count) / stormEnd.timeIntervalSince(stormStart)

            // Recovery: the breaker closes after a successful probe, the cool-down ends, polls succeed.
            var recovered: [String: Double] = [:]
            try await waitUntil("breaker closed, cool-down over, polls succeeding", timeout: .seconds(20)) {
                recovered = try await scraper.metrics()
                return recovered["slothunter_scraper_breaker_open\(hostBreaker)"] == 0
                    && recovered["slothunter_scraper_budget_cooldown"] == 0
                    && recovered["slothunter_scraper_budget_requests_per_second"] == rate - interactive
            }
            let afterStart = Date()
            try await letTimePass(.seconds(3), "the recovered rate is measured over a window")
            let after = Double(try await fleet.freeDaysRequests(from: afterStart, to: Date()).count) / 3
            print(
                String(
                    format:
                        "error storm drill: %.1f req/s before, %.1f during (%d answers: %d × 429, %d × 503), %.1f after; budget gauge low %.1f",
                    baseline, stormRate, during.count, during.filter { $0.status == 429 }.count, during.filter { $0.status == 503 }.count,
                    after, lowestBudget))

            #expect(baseline >= rate * 0.8 && baseline <= rate * 1.1, "baseline \(baseline) req/s for a budget of \(rate)")
            #expect(stormRate <= baseline * 0.5, "the storm did not lower the rate: \(stormRate) vs \(baseline) req/s")
            #expect(sawCoolDown && lowestBudget <= rate * 0.5 + 0.01, "cool-down not visible on /metrics (lowest budget \(lowestBudget))")
            #expect(sawOpen, "host breaker never reported open on /metrics")
            #expect(after >= rate * 0.8, "rate after recovery \(after) req/s")

            // The metrics the issue lists are all exposed.
            for name in [
                "slothunter_scraper_polls_total{outcome=\"error_rate_limited\"}",
                "slothunter_scraper_polls_total{outcome=\"error_http_5xx\"}",
                "slothunter_scraper_polls_total{outcome=\"ok\"}", "slothunter_scraper_request_duration_seconds_count",
                "slothunter_scraper_slots_found_total", "slothunter_scraper_budget_in_use_ratio",
                "slothunter_scraper_budget_requests_per_second", "slothunter_scraper_breaker_state\(hostBreaker)",
            ] {
                #expect(recovered[name] != nil, "\(name) missing from /metrics")
            }
            #expect((recovered["slothunter_scraper_polls_total{outcome=\"error_rate_limited\"}"] ?? 0) > 0)
            #expect((recovered["slothunter_scraper_slots_found_total"] ?? 0) >= Double(fleet.targets.count * starts.count))
            stopped = true
            let statuses = await fleet.stop()
            #expect(statuses.values.allSatisfy { $0 == 0 }, "exit statuses \(statuses)\n\(fleet.logs())")
        }

        /// Polls `condition` every 200 ms until it holds (an error counts as not yet: the scraper
        /// may be restarting); fails with `what` after `timeout`.
        static func waitUntil(_ what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
            try await eventually(within: timeout, every: .milliseconds(200), what) { (try? await condition()) == true }
        }
    }
}
