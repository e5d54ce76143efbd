import Foundation
import Messaging
import Postgres
import TestSupport
import Testing

extension NotifierProcessSuites {
    /// The slot lifecycle through the `notifier` executable, the broker, PostgreSQL and the
    /// Telegram stand-in: a slot announced, taken, freed again and announced again; a slot found
    /// and taken within one coalescing window never announced.
    @Suite("Notifier process: slot lifecycle")
    struct NotifierLifecycleProcessTests {
        func gone(_ found: SlotFoundV1) -> SlotGoneV1 {
            SlotGoneV1(
                targetId: found.targetId, slot: found.slot, episode: found.episode!, lastSeenAt: found.observedAt,
                firstMissedAt: Date(), pollId: UUID())
        }

        func found(index: Int) -> SlotFoundV1 {
            var slot = NotifierTestData.slot(target: 1, start: NotifierTestData.slotStart(index: index))
            slot.episode = UUID()
            return slot
        }

        @Test("found → notice; gone, found again (new episode) → a second notice; found and gone in one window → nothing")
        func reopenedAndWithdrawn() async throws {
            try await NotifierSystem.with { system in
                let db = system.client
                try await NotifierTestData.addTargets(1...1, on: db)
                try await NotifierTestData.addUsers(1...1, on: db)
                try await NotifierTestData.subscribe(1...1, to: 1, on: db)
                let notifier = try await system.startNotifier("notifier", extra: ["NOTIFIER_COALESCE_WINDOW_MS": "1500"])

                // S is found: one notice.
                let s = found(index: 0)
                try await system.produceInOrder([.found(s)])
                let line = NotifierTestData.slotLine(s.slot.start)
                try await system.waitForDelivered(timeout: .seconds(60)) { $0.messages.count == 1 }

                // S is taken, then freed again (a cancellation): a new episode, a second notice.
                var again = s
                again.episode = UUID()
                again.observedAt = Date()
                again.pollId = UUID()
                try await system.produceInOrder([.gone(gone(s)), .found(again)])
                let two = try await system.waitForDelivered(timeout: .seconds(60)) { $0.messages.count == 2 }
                #expect(two.messages.allSatisfy { $0.chatId == 1 && $0.text.contains(line) }, "\(two.messages.map(\.text))")

                // T is found and taken within one coalescing window: withdrawn, never sent. U comes
                // after it on the same partition, so once U is delivered T's batch is done.
                let t = found(index: 1)
                let u = found(index: 2)
                try await system.produceInOrder([.found(t), .gone(gone(t))])
                try await system.produceInOrder([.found(u)])
                let three = try await system.waitForDelivered(timeout: .seconds(60)) { $0.messages.count >= 3 }
                try await letTimePass(.seconds(2), "a late notice about T would show up now")
                let final = try await system.delivered()
                #expect(final.messages.count == 3, "\(final.messages.map(\.text))")
                #expect(three.messages.last?.text.contains(NotifierTestData.slotLine(u.slot.start)) == true)
                #expect(!final.messages.contains { $0.text.contains(NotifierTestData.slotLine(t.slot.start)) }, "T was announced")

                let rows = try await db.query("SELECT status, count(*)::bigint FROM notifications GROUP BY 1 ORDER BY 1")
                    .map { try $0.decode((String, Int64).self) }
                #expect(Dictionary(uniqueKeysWithValues: rows) == ["sent": 3, "withdrawn": 1], "\(rows)")
                let goneRows = try await db.query("SELECT count(*)::bigint FROM gone_slots").map { try $0.decode(Int64.self) }
                #expect(goneRows == [2])
                #expect(try await system.metric(notifier, "slothunter_notifier_notices_withdrawn_total") == 1)
                #expect(try await system.metric(notifier, "slothunter_notifier_notices_sent_total") == 3)
                let statuses = await system.stop()
                #expect(statuses.values.allSatisfy { $0 == 0 }, "exit codes \(statuses)")
            }
        }
    }
}
