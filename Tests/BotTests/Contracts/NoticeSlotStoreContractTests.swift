import BotAdapters
import BotDomain
import BotTestSupport
import Foundation
import Messaging
import Postgres
import Storage
import TestSupport
import Testing

/// `NoticeSlotStore`: the in-memory actor and PostgreSQL (the notifier's ledger tables, written
/// here as the notifier writes them) answer the same.
@Suite("NoticeSlotStore contract")
struct NoticeSlotStoreContractTests {
    /// Writes what the notifier (ledger rows, gone episodes) and the bot's check recorder write.
    protocol Seeder: Sendable {
        func record(_ row: InMemoryNoticeSlots.Row) async throws
        func recordGone(targetId: String, start: Date, episode: UUID, firstMissedAt: Date) async throws
        func recordCheck(_ check: TargetCheck) async throws
    }

    struct MemorySeeder: Seeder {
        let store: InMemoryNoticeSlots
        func record(_ row: InMemoryNoticeSlots.Row) async { await store.record(row) }
        func recordGone(targetId: String, start: Date, episode: UUID, firstMissedAt: Date) async {
            await store.recordGone(targetId: targetId, start: start, episode: episode, firstMissedAt: firstMissedAt)
        }
        func recordCheck(_ check: TargetCheck) async { await store.recordCheck(check) }
    }

    struct PostgresSeeder: Seeder {
        let client: PostgresClient
        let bot: PostgresBotStore
        func record(_ row: InMemoryNoticeSlots.Row) async throws {
            _ = try await client.query(
                """
                INSERT INTO notifications (chat_id, target_id, slot_start, episode, slot_end, granularity, status, observed_at,
                    telegram_message_id, sent_at)
                VALUES (\(row.chatId), \(row.targetId), \(row.start), \(row.episode), \(row.end), \(row.isDay ? "day" : "time"),
                    \(row.messageId == nil ? "pending" : "sent"), \(row.observedAt), \(row.messageId), \(row.messageId == nil ? nil : row.observedAt))
                """)
        }
        func recordGone(targetId: String, start: Date, episode: UUID, firstMissedAt: Date) async throws {
            _ = try await client.query(
                """
                INSERT INTO gone_slots (target_id, slot_start, episode, slot_end, first_missed_at)
                VALUES (\(targetId), \(start), \(episode), \(start + 600), \(firstMissedAt))
                """)
        }
        func recordCheck(_ check: TargetCheck) async throws { try await bot.recordCheck(check) }
    }

    /// Runs `body` on an empty store of `backend`'s kind that knows `targets` and chats 1 and 2.
    func withStore(
        _ backend: StoreBackend, targets: [WatchTarget], doctor: DoctorRef,
        _ body: (any NoticeSlotStore, any Seeder) async throws -> Void
    ) async throws {
        switch backend {
        case .memory:
            let known = Set(targets.map(\.id))
            let store = InMemoryNoticeSlots(knownTargets: { known.contains($0) })
            try await body(store, MemorySeeder(store: store))
        case .postgres:
            let database = try await TestDatabase.create(prefix: "noticeslots")
            let client = try database.client(poolSize: 2)
            do {
                try await DatabaseStartup.migrate(client, log: { _ in })
                let bot = PostgresBotStore(client: client)
                _ = try await bot.saveDoctor(doctor, targets: targets)
                for chat: Int64 in [1, 2] {
                    _ = try await bot.upsertUser(chatId: chat, userId: chat, username: nil, firstName: nil, language: .persian)
                }
                try await body(PostgresNoticeSlots(client: client), PostgresSeeder(client: client, bot: bot))
            } catch {
                await client.close()
                throw error
            }
            await client.close()
        }
    }

    @Test(
        "a notice's slots by chat and message (else by the slot the button names), with gone episodes and the last checks",
        arguments: StoreBackend.all)
    func lookup(_ backend: StoreBackend) async throws {
        let doctor = BotFixtures.doctor()
        let targets = BotFixtures.targets(of: doctor, count: 2)
        try await withStore(backend, targets: targets, doctor: doctor) { store, seed in
            let now = Date(timeIntervalSince1970: 1_791_288_000)
            let a = now + 7200, b = now + 9000
            let goneEpisode = UUID(), freeEpisode = UUID()
            try await seed.record(
                .init(
                    chatId: 1, targetId: targets[0].id, start: b, end: b + 600, episode: goneEpisode, observedAt: now - 300, messageId: 40))
            try await seed.record(
                .init(
                    chatId: 1, targetId: targets[0].id, start: a, end: a + 600, episode: freeEpisode, observedAt: now - 600, messageId: 40))
            // The same slot, another chat's notice, and a pending row not yet sent.
            try await seed.record(
                .init(
                    chatId: 2, targetId: targets[0].id, start: a, end: a + 600, episode: freeEpisode, observedAt: now - 600, messageId: 40))
            try await seed.record(
                .init(
                    chatId: 1, targetId: targets[1].id, start: now + 86_400, end: now + 2 * 86_400, isDay: true, episode: UUID(),
                    observedAt: now - 10, messageId: nil))
            try await seed.recordGone(targetId: targets[0].id, start: b, episode: goneEpisode, firstMissedAt: now - 100)
            // A gone row of another episode of the same slot does not close this one.
            try await seed.recordGone(targetId: targets[0].id, start: a, episode: UUID(), firstMissedAt: now - 900)
            try await seed.recordCheck(
                TargetCheck(targetId: targets[0].id, checkedAt: now - 50, outcome: .ok, freeSlotCount: 1, earliestSlots: [a], durationMs: 3)
            )
            try await seed.recordCheck(
                TargetCheck(
                    targetId: targets[0].id, checkedAt: now - 20, outcome: .error, errorKind: "timeout", freeSlotCount: 0,
                    earliestSlots: [], durationMs: 3))

            let byMessage = try await store.noticeSlots(chatId: 1, messageId: 40, firstSlotStart: a)
            #expect(byMessage.map(\.start) == [a, b], "the message's slots, earliest first")
            #expect(
                byMessage.first
                    == NoticeSlot(
                        targetId: targets[0].id, start: a, end: a + 600, observedAt: now - 600, lastCheckAt: now - 20,
                        lastSuccessAt: now - 50))
            #expect(byMessage.last?.goneAt == now - 100)
            #expect(byMessage.last?.observedAt == now - 300)

            // No row carries the message: the chat's rows of the slot the button names (pending ones too).
            let pending = try await store.noticeSlots(chatId: 1, messageId: 41, firstSlotStart: now + 86_400)
            #expect(
                pending == [
                    NoticeSlot(
                        targetId: targets[1].id, start: now + 86_400, end: now + 2 * 86_400, isDay: true, observedAt: now - 10)
                ])
            #expect(try await store.noticeSlots(chatId: 1, messageId: nil, firstSlotStart: a).map(\.start) == [a])
            // Other chats never see chat 1's notice; chat 2 only its own row.
            #expect(try await store.noticeSlots(chatId: 2, messageId: 40, firstSlotStart: b).map(\.start) == [a])
            #expect(try await store.noticeSlots(chatId: 3, messageId: 40, firstSlotStart: a).isEmpty)
            #expect(try await store.noticeSlots(chatId: 1, messageId: 99, firstSlotStart: now).isEmpty)
        }
    }
}
