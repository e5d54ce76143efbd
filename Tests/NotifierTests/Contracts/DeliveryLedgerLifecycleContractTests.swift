import Foundation
import NotifierDomain
import Testing

/// The slot lifecycle in the `DeliveryLedger` contract — the episode in the key, gone episodes,
/// withdrawn and expired rows, held-back slots offered once — run against the in-memory double
/// and PostgreSQL.
@Suite("DeliveryLedger contract: slot lifecycle", .timeLimit(.minutes(1)))
struct DeliveryLedgerLifecycleContractTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func slot(_ minutes: Int, episode: UUID = SlotPeriod.legacyEpisode, day: Bool = false) -> SlotPeriod {
        let start = now.addingTimeInterval(86_400 + TimeInterval(minutes * 60))
        return SlotPeriod(start: start, end: start + (day ? 86_400 : 600), episode: episode, granularity: day ? .day : .time)
    }

    func notice(chat: Int64, target: Int = 1, _ slots: [SlotPeriod]) -> Notice {
        Notice(
            chatId: chat, language: .english, targetId: NotifierTestData.targetId(target), doctor: NotifierTestData.noticeDoctor(target),
            center: NotifierTestData.noticeCenter(target), bookingURL: "https://www.paziresh24.com/dr/x/", slots: slots, observedAt: now)
    }

    func gone(_ slot: SlotPeriod, target: Int = 1) -> GoneSlot {
        GoneSlot(targetId: NotifierTestData.targetId(target), slot: slot, firstMissedAt: now)
    }

    func fixture(_ backend: StoreBackend) async throws -> StoreFixture {
        let fixture = try await backend.makeFixture()
        try await fixture.seed(users: 1...3)
        return fixture
    }

    @Test("a slot that comes back (a new episode) is claimed again and pays again; the same episode is not", arguments: StoreBackend.all)
    func reopenedSlot(backend: StoreBackend) async throws {
        let fixture = try await fixture(backend)
        defer { Task { await fixture.close() } }
        let limit = PerUserLimit.perDay(10, burst: 3)
        let first = slot(0, episode: UUID())
        let claim = try await fixture.ledger.claim([notice(chat: 1, [first])], limit: limit, now: now)
        try await fixture.ledger.markSent(claim.toSend.map { SentNotice(notice: $0, telegramMessageId: 1, sentAt: now) })
        #expect(try await fixture.ledger.claim([notice(chat: 1, [first])], limit: limit, now: now).toSend.isEmpty)
        try await fixture.ledger.recordGone([gone(first)])
        var reopened = first
        reopened.episode = UUID()
        let again = try await fixture.ledger.claim([notice(chat: 1, [reopened])], limit: limit, now: now + 60)
        #expect(again.toSend.count == 1 && again.toSend[0].slots.map(\.episode) == [reopened.episode])
        #expect(try await fixture.statuses() == ["sent": 1, "pending": 1])
        let tokens = try #require(try await fixture.tokens(BucketKey(chatId: 1, doctorSlug: NotifierTestData.noticeDoctor(1).slug)))
        #expect(abs(tokens - 1) < 0.01, "two notices, two tokens: \(tokens)")
    }

    @Test("gone episodes are recorded once, looked up, withdrawn at the claim without paying, and purged", arguments: StoreBackend.all)
    func goneEpisodes(backend: StoreBackend) async throws {
        let fixture = try await fixture(backend)
        defer { Task { await fixture.close() } }
        let limit = PerUserLimit.perDay(10, burst: 3)
        let taken = slot(0, episode: UUID())
        let free = slot(10, episode: UUID())
        try await fixture.ledger.recordGone([gone(taken), gone(taken)])
        try await fixture.ledger.recordGone([gone(taken)])
        let keys = [taken, free].map { $0.episodeKey(targetId: NotifierTestData.targetId(1)) }
        #expect(try await fixture.ledger.goneEpisodes(among: keys) == [keys[0]])

        let claim = try await fixture.ledger.claim([notice(chat: 1, [taken, free]), notice(chat: 2, [taken])], limit: limit, now: now)
        #expect(claim.toSend.count == 1 && claim.toSend[0].slots == [free], "only the free slot goes; chat 2's notice is empty")
        #expect(claim.withdrawnSlots == 2)
        #expect(try await fixture.statuses() == ["pending": 1, "withdrawn": 2])
        let doctor = NotifierTestData.noticeDoctor(1).slug
        #expect(try await fixture.tokens(BucketKey(chatId: 2, doctorSlug: doctor)) == nil, "a withdrawn notice pays nothing")

        // Just before the send, the free slot is gone too: withdrawn by the send-time check.
        try await fixture.ledger.markWithheld([notice(chat: 1, [free])], as: .withdrawn)
        #expect(try await fixture.statuses() == ["withdrawn": 3])

        #expect(try await fixture.ledger.purgeGone(endedBefore: now) == 0)
        #expect(try await fixture.ledger.purgeGone(endedBefore: now + 3 * 86_400) == 1)
        #expect(try await fixture.ledger.goneEpisodes(among: keys).isEmpty)
    }

    @Test(
        "a held-back slot is offered once by the next notice that pays; not if gone (withdrawn) or passed (expired)",
        arguments: StoreBackend.all)
    func heldBackOfferedOnce(backend: StoreBackend) async throws {
        let fixture = try await fixture(backend)
        defer { Task { await fixture.close() } }
        let limit = PerUserLimit.perDay(10, burst: 1)
        let sent = slot(0, episode: UUID())
        let held = slot(30, episode: UUID())
        let heldAndGone = slot(40, episode: UUID())
        let heldDay = slot(60 * 24, episode: UUID(), day: true)
        _ = try await fixture.ledger.claim([notice(chat: 1, [sent])], limit: limit, now: now)
        for later in [held, heldAndGone, heldDay] {
            let claim = try await fixture.ledger.claim([notice(chat: 1, [later])], limit: limit, now: now + 60)
            #expect(claim.toSend.isEmpty && claim.suppressed.count == 1)
        }
        try await fixture.ledger.recordGone([gone(heldAndGone)])

        // 2.4 h later a token is back: the next notice carries the held-back slots still free.
        let next = slot(90, episode: UUID())
        let refilled = try await fixture.ledger.claim([notice(chat: 1, [next])], limit: limit, now: now + 3 * 3600)
        let carrying = try #require(refilled.toSend.first)
        #expect(carrying.slots.map(\.start) == [held.start, next.start, heldDay.start])
        #expect(carrying.slots.map(\.isStillFree) == [true, false, true])
        #expect(carrying.slots.last?.granularity == .day && carrying.slots.last?.end == heldDay.end)
        #expect(refilled.withdrawnSlots == 1, "the held-back slot gone meanwhile is withdrawn, not offered")
        #expect(try await fixture.row(LedgerKey(chatId: 1, targetId: "c1:s1", slot: held))?.reason == "offered")

        // Not yet recorded (a crash): the replayed notice offers them again, without paying.
        let replay = try await fixture.ledger.claim([notice(chat: 1, [next])], limit: limit, now: now + 3 * 3600 + 1)
        #expect(replay.toSend.first?.slots.count == 3)
        try await fixture.ledger.markSent([SentNotice(notice: carrying, telegramMessageId: 9, sentAt: now)])
        #expect(try await fixture.statuses() == ["sent": 3, "pending": 1, "withdrawn": 1])

        // Offered once: a later notice (another token) carries nothing held back.
        let after = try await fixture.ledger.claim([notice(chat: 1, [slot(120, episode: UUID())])], limit: limit, now: now + 6 * 3600)
        #expect(after.toSend.first?.slots.count == 1)

        // A held-back slot that has passed when the next notice goes is expired, not offered.
        let soon = slot(-60 * 20, episode: UUID())  // starts 20 h after `now`
        _ = try await fixture.ledger.claim([notice(chat: 2, [slot(0, episode: UUID())])], limit: limit, now: now)
        _ = try await fixture.ledger.claim([notice(chat: 2, [soon])], limit: limit, now: now + 60)
        let late = try await fixture.ledger.claim([notice(chat: 2, [slot(60 * 24, episode: UUID())])], limit: limit, now: now + 86_400)
        #expect(late.toSend.first?.slots.count == 1 && late.expiredSlots == 1)
        #expect(try await fixture.row(LedgerKey(chatId: 2, targetId: "c1:s1", slot: soon))?.status == "expired")
    }
}
