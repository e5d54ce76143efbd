import Foundation
import Messaging
import TestSupport
import Testing

extension ScraperProcessSuites {
    /// Issue #3: three scraper processes against one (private) broker split the watch targets by
    /// partition, and a replica killed with SIGKILL hands its targets over.
    ///
    /// Attribution: every poll publishes `doctor.checked` with the replica's `producer.instance`
    /// (INSTANCE_ID), read back from `smartwhale.data.checks`; the stand-in's request log counts the
    /// getFreeDays requests per target independently of what the scrapers claim.
    @Suite("Scraper scale-out", .serialized, .enabled(if: ScraperFleet.isEnabled))
    struct ScraperScaleOutTests {
        static let targetCount = 60
        static let interval: TimeInterval = 2
        static let sessionTimeout: TimeInterval = 6
        /// librdkafka's mock coordinator waits `session.timeout.ms − 1 s` in the joining state after
        /// a member times out before it elects a leader (src/rdkafka_mock_cgrp.c,
        /// `rd_kafka_mock_cgrp_rebalance`), even when every survivor has already rejoined; a real
        /// Kafka coordinator completes the rebalance as soon as the survivors rejoin.
        static let mockJoinDelay: TimeInterval = sessionTimeout - 1

        @Test("3 replicas: each target polled by exactly one; kill -9 and SIGTERM hand the targets over within bounds")
        func threeReplicas() async throws {
            try await Self.threeReplicasBody()
        }

        static func threeReplicasBody() async throws {
            let fleet = try await ScraperFleet.start(targets: targetCount, prefix: "scale")
            let checks = try TopicRecorder(bootstrap: fleet.broker.bootstrap, topic: Topic.checks, schemas: [DoctorCheckedV1.schema])
            var recorderClosed = false
            defer {
                if !recorderClosed { Task { await fleet.stop(closing: [checks]) } }
            }
            let env = [
                "SCRAPER_MIN_INTERVAL_SECONDS": String(interval), "SCRAPER_GLOBAL_RATE": "300",
                "SCRAPER_SESSION_TIMEOUT_MS": String(Int(sessionTimeout * 1000)), "SCRAPER_HEARTBEAT_MS": "1000",
            ]
            let replicas = try ["scraper-a", "scraper-b", "scraper-c"].map { try fleet.startScraper($0, extra: env) }
            let assignment = try await fleet.waitForStableAssignment(of: replicas)

            // Steady state: one interval for polls started before the last rebalance to finish, then a window.
            try await letTimePass(.seconds(interval + 0.5), "polls started before the last rebalance finish")
            let windowStart = Date()
            try await letTimePass(.seconds(10), "the steady-state window")
            let windowEnd = Date()
            try await letTimePass(.seconds(1), "checks of polls that ended just before windowEnd arrive")

            var owners: [String: Set<String>] = [:]
            for (instance, check) in checks.checks where check.checkedAt >= windowStart && check.checkedAt < windowEnd {
                owners[check.targetId, default: []].insert(instance)
            }
            let allIds = Set(fleet.targets.map(\.id))
            #expect(Set(owners.keys) == allIds, "targets without a check in the window: \(allIds.subtracting(owners.keys).sorted())")
            let shared = owners.filter { $0.value.count != 1 }
            #expect(shared.isEmpty, "targets polled by more than one replica in steady state: \(shared)\nassignment \(assignment)")

            // The stand-in's own count: every target polled about window ÷ interval times, none twice as often.
            let requests = try await fleet.freeDaysRequests(from: windowStart, to: windowEnd)
            let perTarget = Dictionary(grouping: requests.compactMap(\.target), by: { $0 }).mapValues(\.count)
            let expected = 10 / interval
            let counts = fleet.targets.map { perTarget[$0.id] ?? 0 }
            #expect(counts.min() ?? 0 >= Int(expected * 0.6), "least-polled target: \(counts.min() ?? 0) requests in 10 s")
            #expect(counts.max() ?? 0 <= Int(expected) + 1, "most-polled target: \(counts.max() ?? 0) requests in 10 s (double polling?)")

            // Crash one replica. Its partitions move once the broker expires its session and the
            // survivors have rejoined; the scraper's part is to poll the targets it receives within one
            // interval of the assignment.
            let victim = replicas[1]
            let victimPartitions = assignment[victim.name] ?? []
            let victimTargets = Set(owners.filter { $0.value == [victim.name] }.keys)
            #expect(!victimTargets.isEmpty)
            let killedAt = Date()
            await victim.process.kill9()
            var takenOver: [String: Date] = [:]
            let deadline = killedAt.addingTimeInterval(sessionTimeout + mockJoinDelay + interval + 20)
            try? await eventually(
                within: .seconds(deadline.timeIntervalSinceNow), every: .milliseconds(250), "the victim's targets taken over"
            ) {
                for (instance, check) in checks.checks
                where instance != victim.name && victimTargets.contains(check.targetId) && check.checkedAt > killedAt {
                    takenOver[check.targetId] = min(takenOver[check.targetId] ?? check.checkedAt, check.checkedAt)
                }
                return takenOver.count >= victimTargets.count
            }
            #expect(
                takenOver.count == victimTargets.count,
                "never taken over: \(victimTargets.subtracting(takenOver.keys).sorted())\n\(fleet.logs())")
            let reassignedAt = replicas.filter { $0.name != victim.name }.compactMap { survivor -> Date? in
                let now = survivor.assignment()
                return now.partitions.isDisjoint(with: victimPartitions) ? nil : now.changedAt
            }.max()
            let slowest = takenOver.values.map { $0.timeIntervalSince(killedAt) }.max() ?? .infinity
            let brokerPart = reassignedAt.map { $0.timeIntervalSince(killedAt) } ?? .infinity
            let scraperPart = reassignedAt.map { at in takenOver.values.map { $0.timeIntervalSince(at) }.max() ?? .infinity } ?? .infinity
            // Each survivor's revocations and assignments after the kill, in seconds after it: the
            // revocation tells when it learnt of the rebalance, a second pair a repeated rebalance.
            let timeline = replicas.filter { $0.name != victim.name }.map { survivor in
                "\(survivor.name): "
                    + survivor.rebalanceLog(after: killedAt).map {
                        "\($0.event) " + String(format: "%.1f", $0.at.timeIntervalSince(killedAt))
                    }
                    .joined(separator: ", ")
            }.joined(separator: "; ")
            print(
                "scale-out: \(victimTargets.count) targets of \(victim.name) (partitions \(victimPartitions.sorted())) reassigned "
                    + String(
                        format: "%.1f s after kill -9, all polled %.1f s after the reassignment, %.1f s after the kill", brokerPart,
                        scraperPart, slowest)
                    + "; survivors after the kill: \(timeline)")
            // The group's part: session timeout, plus the mock coordinator's join delay, plus its 1-s
            // session check and a heartbeat.
            #expect(brokerPart <= sessionTimeout + mockJoinDelay + 2, "partitions reassigned \(brokerPart) s after the kill; \(timeline)")
            // The scraper's part: every target received is polled within one interval.
            #expect(scraperPart <= interval + 0.5, "taken-over targets polled \(scraperPart) s after the reassignment")
            #expect(slowest <= sessionTimeout + mockJoinDelay + 2 + interval + 0.5, "slowest takeover \(slowest) s after the kill")

            // SIGTERM: the replica leaves the group at once (no session timeout to wait out), so its
            // targets move faster than after a crash; it drains, flushes and exits 0.
            let leaver = replicas[0], last = replicas[2]
            // The leaver's targets are those it polled in its last interval: wait until the group has
            // been quiet for more than an interval, so they are not read during a further rebalance
            // (a replica whose partitions are revoked rightly polls nothing).
            _ = try await fleet.waitForStableAssignment(of: [leaver, last], quiet: .seconds(interval + 1))
            let leaverTargets = Set(
                checks.checks.filter { $0.instance == leaver.name && $0.payload.checkedAt > Date().addingTimeInterval(-interval) }
                    .map(\.payload.targetId))
            let termAt = Date()
            let leaverStatus = await leaver.process.terminate(grace: .seconds(30))
            var handedOver: [String: Date] = [:]
            let handoverDeadline = termAt.addingTimeInterval(sessionTimeout + mockJoinDelay + interval + 10)
            try? await eventually(
                within: .seconds(handoverDeadline.timeIntervalSinceNow), every: .milliseconds(250), "the leaver's targets handed over"
            ) {
                for (instance, check) in checks.checks
                where instance == last.name && leaverTargets.contains(check.targetId) && check.checkedAt > termAt {
                    handedOver[check.targetId] = min(handedOver[check.targetId] ?? check.checkedAt, check.checkedAt)
                }
                return handedOver.count >= leaverTargets.count
            }
            let handover = handedOver.values.map { $0.timeIntervalSince(termAt) }.max() ?? .infinity
            print(
                "scale-out: SIGTERM of \(leaver.name) (exit \(leaverStatus)): its \(leaverTargets.count) targets polled by \(last.name) after at most "
                    + String(format: "%.1f s", handover))
            #expect(leaverStatus == 0, "\(leaver.name) exit status after SIGTERM\n\(leaver.process.output.suffix(2000))")
            let leaverLog =
                leaver.rebalanceLog(after: killedAt).map { "\($0.event) " + String(format: "%.1f", $0.at.timeIntervalSince(killedAt)) }
                .joined(separator: ", ") + String(format: "; SIGTERM %.1f", termAt.timeIntervalSince(killedAt))
            #expect(
                !leaverTargets.isEmpty && handedOver.count == leaverTargets.count,
                "not handed over: \(leaverTargets.subtracting(handedOver.keys).sorted()); \(leaver.name) after the kill: \(leaverLog)")
            // Leaving skips the session timeout: heartbeat + the mock's join delay + one interval.
            #expect(handover <= mockJoinDelay + 2 + interval + 0.5, "handover after SIGTERM took \(handover) s")

            // The last replica leaves gracefully too.
            recorderClosed = true
            let statuses = await fleet.stop(closing: [checks])
            #expect(statuses.values.allSatisfy { $0 == 0 }, "exit statuses \(statuses)\n\(fleet.logs())")
        }
    }
}
