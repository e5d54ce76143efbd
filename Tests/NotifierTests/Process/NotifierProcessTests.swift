import Foundation
import EventBus
import Kafka
import Localization
import Messaging
import Postgres
import TestSupport
import Testing

extension NotifierProcessSuites {
    /// The `notifier` executable against a private broker, the real PostgreSQL and the Telegram
    /// stand-in process: two replicas of group `notifier` share the slots topic and the send rate.
    @Suite("Notifier process")
    struct NotifierProcessTests {
        @Test("two replicas deliver each notice once: coalesced, Persian, rate-limited per notice, 403 blocks, events published")
        func twoReplicasShareTheWork() async throws {
            try await NotifierSystem.with { system in
                let db = system.client
                // Targets 1…10: doctors 1…10, five English subscribers each (users 10k+1…10k+5).
                // Target 1 also has: a Persian user (900), a paused user (901), a user whose hours exclude
                // the slots (902), and a user who blocked the bot (903, 403 at the stand-in).
                // Targets 11 and 12 are two centers of doctor 11; users 1…5 follow both; with a burst of
                // one token, each gets the earlier of the two and the other is suppressed.
                try await NotifierTestData.addTargets(1...12, on: db)
                for target in 1...10 {
                    let users = Int64(target * 10 + 1)...Int64(target * 10 + 5)
                    try await NotifierTestData.addUsers(users, on: db)
                    try await NotifierTestData.subscribe(users, to: target, on: db)
                }
                try await NotifierTestData.addUsers(900...900, language: .persian, on: db)
                try await NotifierTestData.addUsers(901...901, status: "paused", on: db)
                try await NotifierTestData.addUsers(902...903, on: db)
                try await NotifierTestData.subscribe(900...901, to: 1, on: db)
                try await NotifierTestData.subscribe(902...902, to: 1, hourFrom: 20, hourTo: 24, on: db)
                try await NotifierTestData.subscribe(903...903, to: 1, on: db)
                try await NotifierTestData.addUsers(1...5, on: db)
                try await NotifierTestData.subscribe(1...5, to: 11, on: db)
                try await NotifierTestData.subscribe(1...5, to: 12, on: db)
                try await system.configureTelegram(["forbidden_chats": [903]])

                let env = ["NOTIFIER_BURST": "1"]
                let first = try await system.startNotifier("notifier-a", extra: env)
                let second = try await system.startNotifier("notifier-b", extra: env)
                // Both replicas own three of the six partitions and so half of the global 30 messages/s.
                try await expectEventually(timeout: .seconds(30)) {
                    let a = try await system.metric(first, "slothunter_notifier_send_rate")
                    let b = try await system.metric(second, "slothunter_notifier_send_rate")
                    return a == 15 && b == 15
                }

                // Target 1: one poll with twelve slots; targets 2…10: one slot; 11 and 12: doctor 11.
                let poll = UUID()
                var slots = (0..<12).map { NotifierTestData.slot(target: 1, start: NotifierTestData.slotStart(index: $0), poll: poll) }
                slots += (2...10).map { NotifierTestData.slot(target: $0, start: NotifierTestData.slotStart(index: 0)) }
                var eleven = NotifierTestData.slot(target: 11, start: NotifierTestData.slotStart(index: 3))
                var twelve = NotifierTestData.slot(target: 12, start: NotifierTestData.slotStart(index: 1))
                eleven.doctor = NotifierTestData.doctor(11)
                twelve.doctor = NotifierTestData.doctor(11)
                slots += [eleven, twelve]
                let producedAt = Date()
                try await system.produce(slots)

                // 10 targets × 5 users + the Persian user + users 1…5 once each.
                let expected = 10 * 5 + 1 + 5
                let delivered = try await system.waitForDelivered(timeout: .seconds(60)) { $0.messages.count >= expected }
                try await letTimePass(.seconds(2), "anything extra (a duplicate) would show up now")
                let final = try await system.delivered()
                #expect(final.messages.count == expected, "delivered \(final.messages.count), expected \(expected)")
                let perChat = Dictionary(grouping: final.messages, by: \.chatId)
                #expect(perChat.values.allSatisfy { $0.count == 1 }, "a chat got two messages")
                #expect(perChat[901] == nil && perChat[902] == nil && perChat[903] == nil)
                // Together the two replicas kept to the global 30 messages/s: no 429, ≤ 30 in any second.
                let calls = try await system.sendLog()
                #expect(calls.allSatisfy { $0.status != 429 }, "\(calls.filter { $0.status == 429 }.count) × 429")
                let times = calls.map(\.time).sorted()
                for (index, time) in times.enumerated() where index >= 30 {
                    #expect(time.timeIntervalSince(times[index - 30]) >= 1, "31 sendMessage calls within a second")
                }

                // Coalesced: one message for target 1's twelve slots, earliest first, ten listed.
                let english = try #require(perChat[11]?.first)
                let lines = english.text.split(separator: "\n").filter { $0.hasPrefix("• ") }.map(String.init)
                #expect(lines == (0..<10).map { NotifierTestData.slotLine(NotifierTestData.slotStart(index: $0)) })
                #expect(english.text.contains("… and 2 more"))
                #expect(english.bookingURL == "https://www.paziresh24.com/dr/drill-doctor-1/")
                let persian = try #require(perChat[900]?.first)
                #expect(persian.text.contains("نوبت خالی پیدا شد"))
                #expect(persian.text.contains(NotifierTestData.slotLine(NotifierTestData.slotStart(index: 0), language: .persian)))
                #expect(persian.text.contains("و ۲ نوبت دیگر"))
                // Doctor 11: the earlier slot (target 12) was sent; target 11's was suppressed.
                for chat in Int64(1)...5 {
                    #expect(perChat[chat]?.first?.text.contains(NotifierTestData.slotLine(NotifierTestData.slotStart(index: 1))) == true)
                }

                // The ledger, the blocked user, the metrics of both replicas.
                let rows = try await db.query(
                    "SELECT status, coalesce(reason, ''), count(*)::bigint FROM notifications GROUP BY 1, 2 ORDER BY 1, 2"
                )
                .map { try $0.decode((String, String, Int64).self) }
                let ledger: [String: Int64] = Dictionary(uniqueKeysWithValues: rows.map { ("\($0.0):\($0.1.prefix(8))", $0.2) })
                // Targets 2…10: 45 slots; target 1: 12 slots to five users and the Persian one; doctor 11: 5.
                let expectedSent: Int64 = 45 + 60 + 12 + 5
                #expect(ledger["sent:"] == expectedSent, "\(rows)")
                #expect(ledger["suppressed:rate_lim"] == 5, "\(rows)")
                #expect(ledger["failed:blocked:"] == 12, "\(rows)")
                let blocked = try await db.query("SELECT status FROM users WHERE chat_id = 903").map { try $0.decode(String.self) }
                #expect(blocked == ["blocked"])
                var sent = 0.0, suppressed = 0.0, blockedCount = 0.0, coalesced = 0.0
                for replica in [first, second] {
                    sent += try await system.metric(replica, "slothunter_notifier_notices_sent_total")
                    suppressed += try await system.metric(
                        replica, "slothunter_notifier_notices_suppressed_total", labels: "reason=\"rate_limited\"")
                    blockedCount += try await system.metric(
                        replica, "slothunter_notifier_notices_suppressed_total", labels: "reason=\"blocked\"")
                    coalesced += try await system.metric(replica, "slothunter_notifier_notices_coalesced_total")
                    #expect(
                        try await system.metric(replica, "slothunter_notifier_delivery_latency_seconds_count") > 0,
                        "\(replica.name) sent nothing")
                }
                #expect(sent == Double(expected))
                #expect(suppressed == 5)
                #expect(blockedCount == 1)
                #expect(coalesced == 77, "seven notices for target 1 (six delivered, one refused with 403) fold eleven slots each")

                // notification.sent: one per delivered notice, latency measured from observed_at.
                let events = try await system.read(Topic.notifications, count: expected, timeout: .seconds(30))
                let decoder = MessageDecoder(accepting: [NotificationSentV1.schema])
                let payloads: [NotificationSentV1] = events.compactMap {
                    guard case .notificationSent(let envelope) = try? decoder.decode(value: $0.value, headers: $0.messageHeaders) else {
                        return nil
                    }
                    return envelope.payload
                }
                #expect(payloads.count == expected)
                let ceiling = Int(Date().timeIntervalSince(producedAt) * 1000) + 1000
                #expect(payloads.allSatisfy { $0.latencyMs >= 0 && $0.latencyMs <= ceiling })
                #expect(payloads.first { $0.chatId == 11 }?.slotStarts.count == 12)
                _ = delivered

                let statuses = await system.stop()
                #expect(statuses.values.allSatisfy { $0 == 0 }, "exit codes \(statuses)")
            }
        }
    }
}

/// Polls `condition` until it holds or `timeout` passes (then records an issue).
func expectEventually(
    timeout: Duration, every interval: Duration = .milliseconds(500), sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws {
    try? await eventually(within: timeout, every: interval, "condition") { (try? await condition()) == true }
    #expect(try await condition(), "condition did not hold within \(timeout)", sourceLocation: sourceLocation)
}
