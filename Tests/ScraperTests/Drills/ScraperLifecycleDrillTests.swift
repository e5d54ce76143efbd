import Foundation
import Messaging
import StandIns
import TestSupport
import Testing

extension ScraperProcessSuites {
    /// Issue #13, scraper part: the slot state survives a crash (kill -9), a graceful stop (SIGTERM)
    /// and a takeover by another replica, through the compacted `smartwhale.data.slot-state` topic.
    /// Real scraper executables, a private broker and the paziresh24 stand-in; everything is counted
    /// from what reached `smartwhale.data.slots`.
    ///
    /// Reproduce: `scripts/test.sh --filter ScraperLifecycleDrill`.
    @Suite("Scraper lifecycle drills", .serialized, .enabled(if: ScraperFleet.isEnabled))
    struct ScraperLifecycleDrillTests {
        static let env = [
            "SCRAPER_MIN_INTERVAL_SECONDS": "1", "SCRAPER_GLOBAL_RATE": "60", "SCRAPER_SESSION_TIMEOUT_MS": "6000",
            "SCRAPER_HEARTBEAT_MS": "1000",
        ]

        @Test("kill -9, SIGTERM and takeover: no episode announced twice, every taken slot gone once, every new slot found")
        func restartAndTakeover() async throws {
            try await Self.restartAndTakeoverBody()
        }

        static func restartAndTakeoverBody() async throws {
            let starts = ScraperDrillTests.futureStarts(4)
            let fleet = try await ScraperFleet.start(targets: 10, prefix: "life") { _ in Array(starts.prefix(2)) }
            let slots = try TopicRecorder(
                bootstrap: fleet.broker.bootstrap, topic: Topic.slots, schemas: [SlotFoundV1.schema, SlotGoneV1.schema])
            var stopped = false
            defer { if !stopped { Task { await fleet.stop(closing: [slots]) } } }

            func key(_ targetId: String, _ start: Date) -> String { "\(targetId)@\(Int(start.timeIntervalSince1970))" }
            func found() -> [String] { slots.slots.map { key($0.targetId, $0.slot.start) } }
            func gone() -> [String] { slots.gone.map { key($0.targetId, $0.slot.start) } }
            /// Waits until every target was polled at least `times` times since `since` (so a
            /// replica that restored the state has compared against it).
            func waitForPolls(since: Date, times: Int = 2, _ what: String) async throws {
                try await ScraperDrillTests.waitUntil(what, timeout: .seconds(60)) {
                    let counts = Dictionary(grouping: try await fleet.freeDaysRequests(from: since).compactMap(\.target)) { $0 }.mapValues(
                        \.count)
                    return fleet.targets.allSatisfy { (counts[$0.id] ?? 0) >= times }
                }
            }
            func waitForSaves(_ replica: ScraperReplica, atLeast count: Double) async throws {
                try await ScraperDrillTests.waitUntil("\(replica.name) saved \(count) states", timeout: .seconds(30)) {
                    (try await replica.metrics()["slothunter_scraper_state_saves_total"] ?? 0) >= count
                }
            }

            // 1. Replica A announces the two slots of every target and saves their state.
            let a = try fleet.startScraper("scraper-life-a", extra: env)
            _ = try await fleet.waitForStableAssignment(of: [a], quiet: .seconds(1))
            try await ScraperDrillTests.waitUntil("20 slot.found", timeout: .seconds(60)) { found().count >= 20 }
            try await waitForSaves(a, atLeast: 10)

            // 2. Crash: kill -9 A, start B. B restores the state and announces nothing.
            await a.process.kill9()
            let bStarted = Date()
            let b = try fleet.startScraper("scraper-life-b", extra: env)
            _ = try await fleet.waitForStableAssignment(of: [b], quiet: .seconds(1), timeout: .seconds(60))
            try await waitForPolls(since: bStarted, "B polled every target twice")
            #expect(found().count == 20, "B re-announced after a crash: \(found().count - 20) extra slot.found")

            // 3. Changes seen by B: targets 0–4 lose slot 1 (taken) and gain slot 2.
            for target in fleet.targets.prefix(5) {
                try await fleet.standIn.setSlots(target.slots([starts[1]], mode: .remove))
                try await fleet.standIn.setSlots(target.slots([starts[2]], mode: .add))
            }
            try await ScraperDrillTests.waitUntil("5 slot.gone and 25 slot.found", timeout: .seconds(60)) {
                gone().count >= 5 && found().count >= 25
            }
            try await waitForSaves(b, atLeast: 5)

            // 4. Takeover: C joins (half of B's partitions move to C), then B stops gracefully (the
            //    rest move to C). Neither hand-over announces anything.
            let c = try fleet.startScraper("scraper-life-c", extra: env)
            _ = try await fleet.waitForStableAssignment(of: [b, c], timeout: .seconds(60))
            let bStatus = await b.process.terminate(grace: .seconds(30))
            let cAlone = Date()
            _ = try await fleet.waitForStableAssignment(of: [c], quiet: .seconds(1), timeout: .seconds(60))
            try await waitForPolls(since: cAlone, "C polled every target twice")
            #expect(found().count == 25 && gone().count == 5, "the takeover re-announced: \(found().count) found, \(gone().count) gone")

            // 5. Changes seen by C: targets 5–9 lose slot 0 and gain slot 3.
            for target in fleet.targets.suffix(5) {
                try await fleet.standIn.setSlots(target.slots([starts[0]], mode: .remove))
                try await fleet.standIn.setSlots(target.slots([starts[3]], mode: .add))
            }
            try await ScraperDrillTests.waitUntil("10 slot.gone and 30 slot.found", timeout: .seconds(60)) {
                gone().count >= 10 && found().count >= 30
            }
            let settled = Date()
            try await waitForPolls(since: settled, "C polled every target twice after the last change")

            // The whole story, counted on the topic.
            let expectedFound = Set(
                fleet.targets.flatMap { target in
                    [starts[0], starts[1]].map { key(target.id, Date(timeIntervalSince1970: TimeInterval($0))) }
                }
                    + fleet.targets.prefix(5).map { key($0.id, Date(timeIntervalSince1970: TimeInterval(starts[2]))) }
                    + fleet.targets.suffix(5).map { key($0.id, Date(timeIntervalSince1970: TimeInterval(starts[3]))) })
            let expectedGone = Set(
                fleet.targets.prefix(5).map { key($0.id, Date(timeIntervalSince1970: TimeInterval(starts[1]))) }
                    + fleet.targets.suffix(5).map { key($0.id, Date(timeIntervalSince1970: TimeInterval(starts[0]))) })
            let foundKeys = found(), goneKeys = gone()
            let duplicates = Dictionary(grouping: foundKeys) { $0 }.filter { $0.value.count > 1 }.keys.sorted()
            print(
                "lifecycle drill: \(foundKeys.count) slot.found (\(Set(foundKeys).count) distinct), \(goneKeys.count) slot.gone; "
                    + "B exit \(bStatus)")
            #expect(duplicates.isEmpty, "announced twice: \(duplicates)\n\(fleet.logs())")
            #expect(Set(foundKeys) == expectedFound, "lost: \(expectedFound.subtracting(foundKeys).sorted())")
            #expect(goneKeys.count == expectedGone.count && Set(goneKeys) == expectedGone, "slot.gone: \(goneKeys.sorted())")
            // Every slot.gone closes the episode its slot.found opened, whichever replica saw each.
            let episodes = Dictionary(slots.slots.map { (key($0.targetId, $0.slot.start), $0.episode) }, uniquingKeysWith: { a, _ in a })
            for event in slots.gone {
                #expect(event.episode == episodes[key(event.targetId, event.slot.start)] ?? nil, "slot.gone of another episode")
                #expect(event.lastSeenAt < event.firstMissedAt)
            }
            #expect(slots.slots.allSatisfy { $0.episode != nil })
            #expect(bStatus == 0)

            stopped = true
            let statuses = await fleet.stop(closing: [slots])
            #expect(statuses.values.allSatisfy { $0 == 0 }, "exit statuses \(statuses)\n\(fleet.logs())")
        }

        @Test("a free day without times: slot.found day-level, gone when its times are listed (those found), back as a new episode")
        func dayLevelSlots() async throws {
            try await Self.dayLevelSlotsBody()
        }

        static func dayLevelSlotsBody() async throws {
            let timed = ScraperDrillTests.futureStarts(1)
            // A day four days ahead, 00:00 Tehran, and a 10:00 slot on it.
            let day = ((timed[0] + 2 * 86_400 + 12_600) / 86_400) * 86_400 - 12_600
            let onDay = day + 10 * 3_600
            let fleet = try await ScraperFleet.start(targets: 2, prefix: "day") { _ in timed }
            for target in fleet.targets { try await fleet.standIn.setSlots(target.slots(timed, freeDays: [day])) }
            let slots = try TopicRecorder(
                bootstrap: fleet.broker.bootstrap, topic: Topic.slots, schemas: [SlotFoundV1.schema, SlotGoneV1.schema])
            var stopped = false
            defer { if !stopped { Task { await fleet.stop(closing: [slots]) } } }
            let scraper = try fleet.startScraper("scraper-day", extra: env)
            _ = try await fleet.waitForStableAssignment(of: [scraper], quiet: .seconds(1))
            func dayFound() -> [SlotFoundV1] { slots.slots.filter { $0.granularity == .day } }
            func dayGone() -> [SlotGoneV1] { slots.gone.filter { $0.granularity == .day } }

            // 1. The free day is announced at day level, next to the timed slot.
            try await ScraperDrillTests.waitUntil("a day-level slot.found per target", timeout: .seconds(45)) {
                dayFound().count >= 2 && slots.slots.count >= 4
            }
            let first = dayFound()
            #expect(
                first.allSatisfy {
                    Int($0.slot.start.timeIntervalSince1970) == day && $0.slot.end.timeIntervalSince($0.slot.start) == 86_400
                })
            #expect(first.allSatisfy { $0.slot.localStart == "00:00" && $0.slot.localEnd == "00:00" })

            // 2. paziresh24 lists that day's times: the day-level slot is gone, the timed one found.
            for target in fleet.targets { try await fleet.standIn.setSlots(target.slots(timed + [onDay])) }
            try await ScraperDrillTests.waitUntil("day gone, its 10:00 slot found", timeout: .seconds(45)) {
                dayGone().count >= 2 && slots.slots.filter { Int($0.slot.start.timeIntervalSince1970) == onDay }.count >= 2
            }
            #expect(Set(dayGone().map(\.episode)) == Set(first.compactMap(\.episode)), "slot.gone closes the day-level episodes")

            // 3. The times go (taken) and the day is free again without times: a new day-level episode.
            for target in fleet.targets { try await fleet.standIn.setSlots(target.slots(timed, freeDays: [day])) }
            try await ScraperDrillTests.waitUntil("the day back as a new episode", timeout: .seconds(45)) {
                dayFound().count >= 4 && slots.gone.filter { $0.granularity == .time }.count >= 2
            }
            let episodes = dayFound().compactMap(\.episode)
            #expect(Set(episodes).count == 4, "two episodes per target for the day")
            print("day-level drill: \(slots.slots.count) slot.found (\(dayFound().count) day-level), \(slots.gone.count) slot.gone")
            #expect(slots.slots.count == 8 && slots.gone.count == 4, "found \(slots.slots.count), gone \(slots.gone.count)")

            stopped = true
            let statuses = await fleet.stop(closing: [slots])
            #expect(statuses.values.allSatisfy { $0 == 0 }, "exit statuses \(statuses)\n\(fleet.logs())")
        }
    }
}
