import Foundation
import Kafka
import Messaging
import Postgres
import TestSupport
import Testing

extension NotifierProcessSuites {
    /// Failure drills of the notifier (issue #7), each against the real executable, a private broker,
    /// PostgreSQL and the Telegram stand-in process, bounded in time and counted from the stand-in's
    /// own record of what reached Telegram. Each prints one `[drill …]` line with its figures.
    /// This suite holds the Telegram side, (a) and (d), one at a time: the burst of (a) is the
    /// heaviest load of the multi-process phase and (d) measures the notifier's CPU, so they never
    /// overlap. (b), (c) and (e) are `NotifierRecordDrillTests`, which runs next to it.
    @Suite("Notifier failure drills: Telegram", .serialized)
    struct NotifierDrillTests {
        /// Concurrent sends of a replica: the most notices that can be in flight when it dies.
        static let inFlight = 16

        @Test(
            "(a) kill -9 in the middle of a burst of 2,000 notices: all delivered after a restart, duplicates ≤ in flight",
            .timeLimit(.minutes(2)))
        func killDuringBurst() async throws {
            let started = ContinuousClock.now
            try await NotifierSystem.with(telegramConfig: ["global_limit": 250]) { system in
                // 1,000 users × 2 targets (100 targets, 20 users each) and one new slot per target.
                try await NotifierTestData.addTargets(1...100, on: system.client)
                try await NotifierTestData.addUsers(1...1000, on: system.client)
                _ = try await system.client.query(
                    """
                    INSERT INTO subscriptions (chat_id, target_id)
                    SELECT u, 'c' || t || ':s' || t FROM generate_series(1::bigint, 1000::bigint) u,
                        LATERAL (VALUES (1 + u % 100), (1 + (u + 50) % 100)) AS v(t)
                    """)
                let env = [
                    "NOTIFIER_GLOBAL_RATE": "200", "NOTIFIER_MAX_CONCURRENT_SENDS": String(Self.inFlight), "NOTIFIER_BATCH_SIZE": "500",
                ]
                let first = try await system.startNotifier("notifier-1", extra: env)
                let slots = (1...100).map { NotifierTestData.slot(target: $0, start: NotifierTestData.slotStart(index: $0 % 50)) }
                try await system.produce(slots)
                let expected = Set(
                    (1...1000).flatMap { user -> [DeliveredMessages.Announcement] in
                        [1 + user % 100, 1 + (user + 50) % 100].map {
                            DeliveredMessages.Announcement(
                                chatId: Int64(user), doctor: NotifierTestData.doctor($0).displayName,
                                slotLine: NotifierTestData.slotLine(NotifierTestData.slotStart(index: $0 % 50)))
                        }
                    })
                #expect(expected.count == 2000)

                // Kill once the notifier says it sent 600 (its metric is cheaper to poll than the stand-in).
                let burstStarted = ContinuousClock.now
                try await expectEventually(timeout: .seconds(60), every: .milliseconds(50)) {
                    try await system.metric(first, "slothunter_notifier_notices_sent_total") >= 600
                }
                await first.kill9()
                let killedAfter = ContinuousClock.now - burstStarted
                let atKill = try await system.delivered().messages.count
                system.forget("notifier-1")
                let restartedAt = ContinuousClock.now
                try await system.startNotifier("notifier-2", extra: env)
                let rejoinedAfter = ContinuousClock.now - restartedAt
                _ = try await system.waitForDelivered(timeout: .seconds(75), every: .seconds(2)) { $0.tally().distinct.count >= 2000 }
                let completedAfter = ContinuousClock.now - restartedAt
                try await letTimePass(.seconds(2), "a late duplicate would show up now")
                let final = try await system.delivered()
                let tally = final.tally()
                #expect(tally.distinct == expected, "missing \(expected.subtracting(tally.distinct).count)")
                #expect(tally.duplicates <= Self.inFlight, "\(tally.duplicates) duplicates")
                let pending = try await system.client.query("SELECT count(*)::bigint FROM notifications WHERE status <> 'sent'").map {
                    try $0.decode(Int64.self)
                }
                #expect(pending == [0])
                print(
                    "[drill a] kill -9 \(killedAfter) into the burst with \(atKill) of 2000 notices delivered; restarted replica joined in "
                        + "\(rejoinedAfter), all delivered \(completedAfter) after the restart: \(tally.distinct.count) distinct (user, slot), "
                        + "\(tally.duplicates) duplicates (bound \(Self.inFlight)), \(final.attempts) sendMessage calls, total \(ContinuousClock.now - started)"
                )
            }
        }

        @Test(
            "(d) Telegram answering storms of 429, 5xx and timeouts: every notice delivered, retries bounded, no hot loop",
            .timeLimit(.minutes(2)))
        func telegramStorms() async throws {
            let started = ContinuousClock.now
            let faults: [[String: Any]] = [
                ["method": "sendMessage", "status": 429, "retry_after": 6, "count": 1],
                ["method": "sendMessage", "status": 429, "retry_after": 1, "count": 4],
                ["method": "sendMessage", "status": 502, "html": true, "count": 10],
                ["method": "sendMessage", "status": 500, "count": 5],
                ["method": "sendMessage", "status": 503, "count": 5],
                ["method": "sendMessage", "status": 504, "hang_seconds": 4, "count": 8],
            ]
            let injected = 1 + 4 + 10 + 5 + 5 + 8
            try await NotifierSystem.with(telegramConfig: ["faults": faults]) { system in
                try await NotifierTestData.addTargets(1...1, on: system.client)
                try await NotifierTestData.addUsers(1...40, on: system.client)
                try await NotifierTestData.subscribe(1...40, to: 1, on: system.client)
                let notifier = try await system.startNotifier(
                    "notifier", extra: ["NOTIFIER_TELEGRAM_TIMEOUT_MS": "1500", "NOTIFIER_SEND_MAX_BACKOFF_MS": "2000"])
                let idleCPU = try await cpuSeconds(of: notifier, over: .seconds(1))

                try await system.produce([NotifierTestData.slot(target: 1, start: NotifierTestData.slotStart(index: 0))])
                // The first call meets retry_after = 6: measure the notifier's CPU while it waits.
                try await expectEventually(timeout: .seconds(30), every: .milliseconds(100)) { try await system.sendLog().count >= 1 }
                try await letTimePass(.milliseconds(500), "the notifier is well into the 6 s retry_after")
                let waitingCPU = try await cpuSeconds(of: notifier, over: .seconds(4))

                let delivered = try await system.waitForDelivered(timeout: .seconds(90), every: .seconds(1)) { $0.messages.count >= 40 }
                try await letTimePass(.seconds(5), "late duplicates or stray retries would show up now")
                let log = try await system.sendLog()
                let final = try await system.delivered()
                #expect(Set(final.messages.map(\.chatId)) == Set(1...40))
                #expect(final.tally().duplicates == 0)
                #expect(log.count <= 40 + injected + 5, "\(log.count) sendMessage calls for 40 notices and \(injected) faults")
                // Every 429's retry_after was honoured: nothing was sent before it ran out.
                // (A call started before the 429's answer arrived may follow it by a few milliseconds.)
                let rejections = log.filter { $0.status == 429 }
                for (number, rejection) in rejections.enumerated() {
                    let wait: TimeInterval = number == 0 ? 6 : 1
                    let early = log.filter {
                        $0.time.timeIntervalSince(rejection.time) > 0.25 && $0.time.timeIntervalSince(rejection.time) < wait - 0.05
                    }
                    #expect(early.isEmpty, "\(early.count) calls within retry_after = \(Int(wait)) s of a 429")
                }
                // No burst above the global rate during the 5xx storm.
                let times = log.map(\.time).sorted()
                for (index, time) in times.enumerated() where index >= 31 {
                    #expect(time.timeIntervalSince(times[index - 31]) >= 1, "more than 31 calls within a second")
                }
                #expect(waitingCPU < 0.4, "the notifier used \(waitingCPU) s of CPU in 4 s of waiting out a 429")
                let statuses = Dictionary(grouping: log, by: \.status).mapValues(\.count)
                print(
                    "[drill d] injected \(injected) faults (429×5, 5xx×20, 4 s hangs×8 with a 1.5 s client timeout) on 40 notices: "
                        + "\(Set(final.messages.map(\.chatId)).count)/40 delivered, \(final.tally().duplicates) duplicates, \(log.count) sendMessage calls "
                        + "by status \(statuses.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")), "
                        + "CPU while waiting out retry_after: \(String(format: "%.3f", waitingCPU)) s in 4 s (idle: \(String(format: "%.3f", idleCPU)) s in 1 s), "
                        + "\(ContinuousClock.now - started)")
                _ = delivered
            }
        }

        /// CPU seconds a process uses over `duration`.
        func cpuSeconds(of process: ChildProcess, over duration: Duration) async throws -> Double {
            let before = try #require(ProcessStats.cpuSeconds(pid: process.pid))
            try await letTimePass(duration, "CPU use is measured over a window")
            let after = try #require(ProcessStats.cpuSeconds(pid: process.pid))
            return after - before
        }

    }

    /// Failure drills of the notifier on what happens to records (issue #7): PostgreSQL stopped
    /// under load, malformed messages, records the database refuses. Run one at a time, next to
    /// `NotifierDrillTests` (the Telegram side); same processes, same bounds, same `[drill …]` lines.
    @Suite("Notifier failure drills: records", .serialized)
    struct NotifierRecordDrillTests {
        @Test(
            "(b) PostgreSQL stopped for 10 s under load: /readyz 503, no offsets stored, resumes by itself, nothing lost",
            .timeLimit(.minutes(2)))
        func databaseOutage() async throws {
            let started = ContinuousClock.now
            let postgres = try await TestPostgresServer.start()
            do {
                try await outage(on: postgres, started: started)
            } catch {
                await postgres.destroy()
                throw error
            }
            await postgres.destroy()
        }

        /// How long PostgreSQL is down: five poison timeouts (2 s, set below: an outage must never
        /// dead-letter a record), twice the record retry's longest backoff (5 s: the retries reach
        /// their cap and go on), longer than the consumer-group session (6 s), and seven readiness
        /// samples after the 3 s the notifier gets to notice.
        static let outageSeconds = 10
        /// The load: one new slot every 100 ms, 3 s before the outage (notices are being sent when
        /// it starts), through it, and 3 s after (it resumes under load).
        static let loadSlots = (3 + outageSeconds + 3) * 10

        func outage(on postgres: TestPostgresServer, started: ContinuousClock.Instant) async throws {
            try await NotifierSystem.with(database: try await postgres.createDatabase(prefix: "drillb")) { system in
                // 60 targets × 5 users; the load: one new slot every 100 ms for 16 s, up to 3 per target.
                try await NotifierTestData.addTargets(1...60, on: system.client)
                try await NotifierTestData.addUsers(1...300, on: system.client)
                for target in 1...60 {
                    try await NotifierTestData.subscribe(Int64(target * 5 - 4)...Int64(target * 5), to: target, on: system.client)
                }
                // A poison timeout far below the outage: an outage must never dead-letter a record.
                let notifier = try await system.startNotifier(
                    "notifier",
                    extra: ["NOTIFIER_BURST": "1000", "NOTIFIER_NOTICES_PER_DAY": "100000", "NOTIFIER_POISON_TIMEOUT_MS": "2000"])
                #expect(try await system.health(notifier, "/readyz").status == 200)

                let load = Task {
                    for index in 0..<Self.loadSlots {
                        let target = index % 60 + 1
                        try await system.produce([
                            NotifierTestData.slot(target: target, start: NotifierTestData.slotStart(index: index / 60))
                        ])
                        try await letTimePass(.milliseconds(100), "the load: one new slot every 100 ms")
                    }
                }
                try await letTimePass(.seconds(3), "the load runs before the outage")
                let sentBeforeOutage = try await system.delivered().messages.count
                try await postgres.stop()
                let stoppedAt = ContinuousClock.now
                var readiness: [Int] = []
                var storedDuringOutage: [Double] = []
                while ContinuousClock.now - stoppedAt < .seconds(Self.outageSeconds) {
                    readiness.append(try await system.health(notifier, "/readyz").status)
                    if ContinuousClock.now - stoppedAt > .seconds(3) {
                        storedDuringOutage.append(try await system.metric(notifier, "slothunter_notifier_offsets_stored_total"))
                    }
                    try await letTimePass(.seconds(1), "the outage is sampled once a second while it lasts")
                }
                try await postgres.start()
                let restartedAt = ContinuousClock.now
                try await expectEventually(timeout: .seconds(20)) { try await system.health(notifier, "/readyz").status == 200 }
                let readyAgainAfter = ContinuousClock.now - restartedAt
                try await load.value

                let expected = Set(
                    (0..<Self.loadSlots).flatMap { index -> [DeliveredMessages.Announcement] in
                        let target = index % 60 + 1
                        return (target * 5 - 4...target * 5).map {
                            DeliveredMessages.Announcement(
                                chatId: Int64($0), doctor: NotifierTestData.doctor(target).displayName,
                                slotLine: NotifierTestData.slotLine(NotifierTestData.slotStart(index: index / 60)))
                        }
                    })
                _ = try await system.waitForDelivered(timeout: .seconds(60), every: .seconds(1)) {
                    $0.tally().distinct.count >= expected.count
                }
                let tally = try await system.delivered().tally()
                #expect(tally.distinct == expected, "missing \(expected.subtracting(tally.distinct).count)")
                #expect(tally.duplicates == 0)
                let notReady = readiness.dropFirst(3)
                #expect(!notReady.isEmpty && notReady.allSatisfy { $0 == 503 }, "readiness during the outage: \(readiness)")
                #expect(Set(storedDuringOutage).count <= 1, "offsets were stored during the outage: \(storedDuringOutage)")
                #expect(try await system.metric(notifier, "slothunter_deadletter_total") == 0, "the outage dead-lettered records")
                #expect(notifier.isRunning)
                print(
                    "[drill b] PostgreSQL stopped \(Self.outageSeconds) s with \(sentBeforeOutage) notices sent; /readyz during outage \(readiness); "
                        + "offsets stored during outage constant at \(storedDuringOutage.first ?? -1); ready again \(readyAgainAfter) after restart; "
                        + "\(tally.distinct.count)/\(expected.count) (user, slot) delivered, \(tally.duplicates) duplicates, \(ContinuousClock.now - started)"
                )
            }
        }

        @Test(
            "(c) 1,000 malformed, unknown-schema and too-new messages from kcat among valid ones: all dead-lettered with reason",
            .timeLimit(.minutes(2)))
        func poisonMessages() async throws {
            let started = ContinuousClock.now
            try await NotifierSystem.with { system in
                try await NotifierTestData.addTargets(1...20, on: system.client)
                try await NotifierTestData.addUsers(1...60, on: system.client)
                for target in 1...20 {
                    try await NotifierTestData.subscribe(Int64(target * 3 - 2)...Int64(target * 3), to: target, on: system.client)
                }
                let notifier = try await system.startNotifier("notifier")

                // Ten rounds: 34 malformed, 33 unknown-schema, 33 too-new through kcat, then two valid slots.
                for round in 0..<10 {
                    try await kcat(system.broker.bootstrap, headers: [], lines: (0..<34).map { "not json: malformed-\(round)-\($0) {" })
                    try await kcat(
                        system.broker.bootstrap, headers: ["schema=parking.found", "version=1"],
                        lines: (0..<33).map { #"{"schema":"parking.found","version":1,"payload":{"marker":"unknown-\#(round)-\#($0)"}}"# })
                    try await kcat(
                        system.broker.bootstrap, headers: ["schema=slot.found", "version=2"],
                        lines: (0..<33).map { #"{"schema":"slot.found","version":2,"payload":{"marker":"toonew-\#(round)-\#($0)"}}"# })
                    try await system.produce(
                        [1, 2].map {
                            NotifierTestData.slot(target: round * 2 + $0, start: NotifierTestData.slotStart(index: round))
                        })
                }

                let records = try await system.read(Topic.deadLetter, count: 1000, timeout: .seconds(60))
                let decoder = MessageDecoder(accepting: [DeadLetterV1.schema])
                var reasons: [DeadLetterV1.Reason: Int] = [:]
                var misfiled = 0
                for record in records {
                    guard case .deadLetter(let envelope) = try? decoder.decode(value: record.value, headers: []) else { continue }
                    let letter = envelope.payload
                    reasons[letter.reason, default: 0] += 1
                    let text = letter.originalValueText ?? ""
                    let expected: DeadLetterV1.Reason =
                        text.contains("malformed-") ? .malformed : text.contains("unknown-") ? .unknownSchema : .unsupportedVersion
                    if letter.reason != expected || letter.sourceTopic != Topic.slots || !letter.consumer.hasPrefix("notifier") {
                        misfiled += 1
                    }
                }
                #expect(records.count == 1000)
                #expect(reasons == [.malformed: 340, .unknownSchema: 330, .unsupportedVersion: 330], "\(reasons)")
                #expect(misfiled == 0)
                let delivered = try await system.waitForDelivered(timeout: .seconds(30)) { $0.messages.count >= 60 }
                try await letTimePass(.seconds(1), "a 61st message would show up now")
                #expect(try await system.delivered().messages.count == 60)
                #expect(Set(delivered.messages.map(\.chatId)) == Set(1...60))
                #expect(notifier.isRunning)
                #expect(try await system.metric(notifier, "slothunter_deadletter_total") == 1000)
                print(
                    "[drill c] injected 1000 bad messages with kcat (340 malformed, 330 unknown schema, 330 too new) among 20 valid: "
                        + "dead-lettered \(reasons.map { "\($0.key.rawValue)=\($0.value)" }.sorted().joined(separator: " ")), misfiled \(misfiled), "
                        + "valid notices delivered \(delivered.messages.count)/60, notifier running, \(ContinuousClock.now - started)")
            }
        }

        @Test(
            "(e) records the database refuses every time: dead-lettered as processing_failed after the poison timeout, the partition moves on",
            .timeLimit(.minutes(2)))
        func poisonRecords() async throws {
            let started = ContinuousClock.now
            try await NotifierSystem.with { system in
                try await NotifierTestData.addTargets(1...10, on: system.client)
                try await NotifierTestData.addUsers(1...30, on: system.client)
                for target in 1...10 {
                    try await NotifierTestData.subscribe(Int64(target * 3 - 2)...Int64(target * 3), to: target, on: system.client)
                }
                // A deterministic failure: the ledger refuses any notice of targets 3 and 7 (SQLSTATE P0001).
                try await system.client.execute(
                    unsafeSQL: """
                        CREATE FUNCTION refuse_poison() RETURNS trigger LANGUAGE plpgsql AS $$
                        BEGIN RAISE EXCEPTION 'drill: target % is refused', NEW.target_id; END $$
                        """)
                try await system.client.execute(
                    unsafeSQL: """
                        CREATE TRIGGER refuse_poison BEFORE INSERT ON notifications FOR EACH ROW
                            WHEN (NEW.target_id IN ('c3:s3', 'c7:s7')) EXECUTE FUNCTION refuse_poison();
                        """)
                let notifier = try await system.startNotifier("notifier", extra: ["NOTIFIER_POISON_TIMEOUT_MS": "2000"])

                // Ten slots on one partition, in order; the 3rd and the 7th are poison.
                try await system.produce(
                    (1...10).map { NotifierTestData.slot(target: $0, start: NotifierTestData.slotStart(index: $0)) }, partition: 0)
                let letters = try await system.read(Topic.deadLetter, count: 2, timeout: .seconds(60))
                let decoder = MessageDecoder(accepting: [DeadLetterV1.schema])
                let payloads = letters.compactMap { record -> DeadLetterV1? in
                    guard case .deadLetter(let envelope) = try? decoder.decode(value: record.value, headers: []) else { return nil }
                    return envelope.payload
                }
                #expect(payloads.count == 2)
                #expect(payloads.allSatisfy { $0.reason == .processingFailed && $0.sourceTopic == Topic.slots && $0.sourcePartition == 0 })
                #expect(
                    payloads.allSatisfy { $0.detail.contains("P0001") && $0.detail.contains("is refused") }, "\(payloads.map(\.detail))")
                #expect(Set(payloads.map(\.sourceOffset)).count == 2)
                let poisonTargets = payloads.compactMap { $0.originalValueText }.map { text in
                    ["c3:s3", "c7:s7"].first { text.contains("\"\($0)\"") } ?? "?"
                }
                #expect(Set(poisonTargets) == ["c3:s3", "c7:s7"])

                // Every healthy record, before and after the poison ones on the same partition, is delivered.
                let delivered = try await system.waitForDelivered(timeout: .seconds(30)) { $0.messages.count >= 24 }
                try await expectEventually(timeout: .seconds(20)) {
                    try await system.metric(notifier, "slothunter_notifier_offsets_stored_total") >= 10
                }
                let sendCalls = try await system.sendLog().filter { $0.status == 200 }.count
                #expect(sendCalls == 24)
                #expect(
                    Set(delivered.messages.map(\.chatId))
                        == Set((1...30).filter { !(7...9).contains($0) && !(19...21).contains($0) }.map(Int64.init)))
                #expect(try await system.metric(notifier, "slothunter_notifier_poison_records_total") == 2)
                #expect(try await system.metric(notifier, "slothunter_deadletter_total", labels: #"reason="processing_failed""#) == 2)
                #expect(notifier.isRunning)
                print(
                    "[drill e] 10 slots on one partition, 2 refused by a trigger (P0001): dead-lettered \(payloads.count) as processing_failed "
                        + "(offsets \(payloads.map(\.sourceOffset).sorted())), \(sendCalls) sendMessage accepted (24 expected), "
                        + "offsets stored \(try await system.metric(notifier, "slothunter_notifier_offsets_stored_total")), \(ContinuousClock.now - started)"
                )
            }
        }

        /// Produces `lines` (one message each) to the slots topic with `kcat -P` and the given headers.
        func kcat(_ bootstrap: String, headers: [String], lines: [String]) async throws {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["kcat", "-b", bootstrap, "-P", "-t", Topic.slots] + headers.flatMap { ["-H", $0] }
            let input = Pipe()
            process.standardInput = input
            process.standardOutput = FileHandle.nullDevice
            let errors = Pipe()
            process.standardError = errors
            let status: Int32 = try await withCheckedThrowingContinuation { continuation in
                process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                do {
                    try process.run()
                    input.fileHandleForWriting.write(Data((lines.joined(separator: "\n") + "\n").utf8))
                    try input.fileHandleForWriting.close()
                } catch {
                    process.terminationHandler = nil
                    continuation.resume(throwing: error)
                }
            }
            if status != 0 {
                let text = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                throw ControlError("kcat exited with \(status): \(text.suffix(500))")
            }
        }
    }
}
