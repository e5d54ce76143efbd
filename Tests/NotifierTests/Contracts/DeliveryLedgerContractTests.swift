import Foundation
import NotifierDomain
import Testing

/// The `DeliveryLedger` contract — idempotent claims, the per-user limit's state, recording
/// Telegram's answers — run against the in-memory double and PostgreSQL.
@Suite("DeliveryLedger contract", .timeLimit(.minutes(1)))
struct DeliveryLedgerContractTests {
    let now = Date(timeIntervalSince1970: 1_790_000_000)

    func notice(chat: Int64, target: Int, doctor: Int? = nil, minutes: [Int]) -> Notice {
        let starts = minutes.map { now.addingTimeInterval(86_400 + TimeInterval($0 * 60)) }
        return Notice(
            chatId: chat, language: .english, targetId: NotifierTestData.targetId(target),
            doctor: NotifierTestData.noticeDoctor(doctor ?? target), center: NotifierTestData.noticeCenter(target),
            bookingURL: "https://www.paziresh24.com/dr/x/", slots: starts.map { SlotPeriod(start: $0, end: $0 + 600) }, observedAt: now)
    }

    func fixture(_ backend: StoreBackend) async throws -> StoreFixture {
        let fixture = try await backend.makeFixture()
        try await fixture.seed(users: 1...3)
        return fixture
    }

    @Test("a claim is idempotent: settled slots are dropped, pending ones re-claimed without paying", arguments: StoreBackend.all)
    func idempotentClaims(backend: StoreBackend) async throws {
        let fixture = try await fixture(backend)
        defer { Task { await fixture.close() } }
        let limit = PerUserLimit.perDay(10, burst: 3)
        let first = try await fixture.ledger.claim(
            [notice(chat: 1, target: 1, minutes: [0, 10]), notice(chat: 2, target: 1, minutes: [0])], limit: limit, now: now)
        #expect(first.toSend.map(\.chatId) == [1, 2] && first.suppressed.isEmpty)
        #expect(first.toSend[0].slots.count == 2)
        #expect(try await fixture.statuses() == ["pending": 3])
        try await fixture.ledger.markSent([SentNotice(notice: first.toSend[0], telegramMessageId: 11, sentAt: now)])
        // Chat 2's notice stays pending: the process "crashed" after claiming it.

        let replay = [notice(chat: 1, target: 1, minutes: [0, 10, 20]), notice(chat: 2, target: 1, minutes: [0])]
        let again = try await fixture.ledger.claim(replay, limit: limit, now: now)
        let byChat = Dictionary(uniqueKeysWithValues: again.toSend.map { ($0.chatId, $0) })
        #expect(byChat[1]?.slots.count == 1, "only the new slot is sent to chat 1")
        #expect(byChat[2]?.slots.count == 1, "chat 2's pending notice is claimed again")
        try await fixture.ledger.markSent(again.toSend.map { SentNotice(notice: $0, telegramMessageId: 12, sentAt: now) })
        #expect(try await fixture.statuses() == ["sent": 4])
        #expect(try await fixture.ledger.claim(replay, limit: limit, now: now) == ClaimResult(toSend: [], suppressed: []))

        // Chat 1 paid for two notices (first claim and the new slot); chat 2 paid once.
        let doctor = NotifierTestData.noticeDoctor(1).slug
        let one = try #require(try await fixture.tokens(BucketKey(chatId: 1, doctorSlug: doctor)))
        let two = try #require(try await fixture.tokens(BucketKey(chatId: 2, doctorSlug: doctor)))
        #expect(abs(one - 1) < 0.01 && abs(two - 2) < 0.01, "\(one), \(two)")
    }

    @Test("the limit decides per notice, earliest slot first, suppresses the rest and refills with time", arguments: StoreBackend.all)
    func limitPerNotice(backend: StoreBackend) async throws {
        let fixture = try await fixture(backend)
        defer { Task { await fixture.close() } }
        let limit = PerUserLimit.perDay(10, burst: 1)
        // Targets 1 and 2 are two centers of doctor 1; target 3 is doctor 3.
        let batch = [
            notice(chat: 1, target: 1, doctor: 1, minutes: [30]),
            notice(chat: 1, target: 2, doctor: 1, minutes: [0]),
            notice(chat: 1, target: 3, minutes: [0]),
        ]
        let claim = try await fixture.ledger.claim(batch, limit: limit, now: now)
        #expect(claim.toSend.map(\.targetId).sorted() == ["c2:s2", "c3:s3"], "the earliest slot of doctor 1 wins its only token")
        #expect(claim.suppressed.map(\.targetId) == ["c1:s1"])
        let suppressedKey = LedgerKey.keys(of: batch[0])[0]
        let suppressed = try #require(try await fixture.row(suppressedKey))
        #expect(suppressed.status == "suppressed" && suppressed.reason == "rate_limited")

        let later = try await fixture.ledger.claim([notice(chat: 1, target: 2, doctor: 1, minutes: [90])], limit: limit, now: now + 60)
        #expect(later.toSend.isEmpty && later.suppressed.count == 1)
        // 10 a day is one every 2.4 h: three hours later one token is back.
        let refilled = try await fixture.ledger.claim(
            [notice(chat: 1, target: 2, doctor: 1, minutes: [120])], limit: limit, now: now + 3 * 3600)
        #expect(refilled.toSend.count == 1)
        // Held back is not lost: the notice that took the token offers the slot held back at
        // minute 90 (same user and target) as "still free"; it goes pending with reason `offered`.
        let offered = try #require(refilled.toSend.first)
        #expect(offered.slots.map(\.isStillFree) == [true, false], "minute 90 (still free) before minute 120 (new)")
        #expect(try await fixture.statuses() == ["pending": 4, "suppressed": 1])
        #expect(try await fixture.row(LedgerKey.keys(of: later.suppressed[0])[0])?.reason == "offered")
        // A suppressed slot is not claimed again by a replay of its own slot.found: it is offered
        // only by the next notice that pays a token.
        let retried = try await fixture.ledger.claim([batch[0]], limit: .perDay(10, burst: 5), now: now + 86_400)
        #expect(retried.toSend.isEmpty && retried.suppressed.isEmpty)
    }

    @Test("a slot listed twice in a batch (same start, another end) is claimed once", arguments: StoreBackend.all)
    func duplicateSlots(backend: StoreBackend) async throws {
        let fixture = try await fixture(backend)
        defer { Task { await fixture.close() } }
        var twice = notice(chat: 1, target: 1, minutes: [0])
        twice.slots.append(SlotPeriod(start: twice.slots[0].start, end: twice.slots[0].end + 300))
        let claim = try await fixture.ledger.claim([twice], limit: .perDay(10, burst: 3), now: now)
        #expect(claim.toSend.count == 1 && claim.toSend[0].slots.count == 1)
        #expect(try await fixture.statuses() == ["pending": 1])
    }

    @Test("a failed slot keeps its reason and is never claimed again", arguments: StoreBackend.all)
    func failed(backend: StoreBackend) async throws {
        let fixture = try await fixture(backend)
        defer { Task { await fixture.close() } }
        let refused = notice(chat: 3, target: 1, minutes: [0, 5])
        let claim = try await fixture.ledger.claim([refused], limit: .perDay(10, burst: 3), now: now)
        try await fixture.ledger.markFailed(claim.toSend[0], reason: "400: Bad Request: chat not found")
        for key in LedgerKey.keys(of: refused) {
            let row = try #require(try await fixture.row(key))
            #expect(row.status == "failed" && row.reason == "400: Bad Request: chat not found")
        }
        let replay = try await fixture.ledger.claim([refused], limit: .perDay(10, burst: 3), now: now)
        #expect(replay.toSend.isEmpty)
        #expect(try await fixture.statuses() == ["failed": 2])
    }
}
