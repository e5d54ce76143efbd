import Foundation
import Localization
import NotifierDomain
import NotifierTestSupport
import ServiceRuntime
import Testing

/// The slot lifecycle through `DeliverSlotBatch` on the in-memory ports, with an injected clock:
/// episodes, `slot.gone`, expiry, held-back slots offered once, day-level slots.
@Suite("DeliverSlotBatch lifecycle (in memory)", .timeLimit(.minutes(1)))
struct DeliverSlotBatchLifecycleTests {
    let clock = ManualClock()
    var now: Date { clock.now }

    /// A Telegram that accepts everything; before each send it asks `revise` (as the real sender
    /// does after its waits) and can run `beforeSend` first, to let something happen meanwhile.
    actor Telegram: NoticeSending {
        private(set) var sent: [Notice] = []
        private(set) var withdrawn = 0
        var beforeSend: (@Sendable (Notice) async -> Void)?
        func setBeforeSend(_ hook: @escaping @Sendable (Notice) async -> Void) { beforeSend = hook }
        func send(_ notice: Notice, revise: @escaping @Sendable (Notice) async throws -> Notice?) async throws -> DeliveryOutcome {
            await beforeSend?(notice)
            guard let notice = try await revise(notice) else {
                withdrawn += 1
                return .withdrawn
            }
            sent.append(notice)
            return .sent(messageId: Int64(sent.count))
        }
    }

    struct NoEvents: NotificationEventPublishing {
        func publishSent(_ notice: Notice, telegramMessageId: Int64?, sentAt: Date) async throws {}
    }

    /// Counts what the use case reports to the metrics port.
    final class Counts: DeliveryMetrics, @unchecked Sendable {
        // @unchecked: guarded by `lock`.
        private let lock = NSLock()
        private var values: [String: Int] = [:]
        subscript(_ name: String) -> Int { lock.withLock { values[name, default: 0] } }
        private func add(_ name: String, _ count: Int) { lock.withLock { values[name, default: 0] += count } }
        func sent(latency: TimeInterval) { add("sent", 1) }
        func suppressed(reason: String, count: Int) { add("suppressed", count) }
        func withdrawn(count: Int) { add("withdrawn", count) }
        func expired(count: Int) { add("expired", count) }
        func coalesced(count: Int) {}
        func eventPublishFailed() {}
        func recordRetried() {}
    }

    struct System {
        let directory: InMemorySubscriberDirectory
        let ledger: InMemoryDeliveryLedger
        let telegram: Telegram
        let metrics: Counts
        let readAhead: GoneSlotsReadAhead
        let deliver: DeliverSlotBatch
    }

    func system(users: ClosedRange<Int64> = 1...1, limit: PerUserLimit = .perDay(10, burst: 3), maxAge: TimeInterval = 300) async -> System
    {
        let directory = InMemorySubscriberDirectory(clock: clock.reading)
        for chat in users {
            await directory.addUser(chatId: chat, language: chat == 2 ? .persian : .english)
            await directory.subscribe(
                chatId: chat, targetId: NotifierTestData.targetId(1),
                filters: SubscriptionFilters(windowDays: 30, mode: .any, hourFrom: 9, hourTo: 18, weekdays: 127))
        }
        let ledger = InMemoryDeliveryLedger(clock: clock.reading)
        let telegram = Telegram()
        let metrics = Counts()
        let readAhead = GoneSlotsReadAhead()
        let deliver = DeliverSlotBatch(
            subscribers: directory, ledger: ledger, sender: telegram, events: NoEvents(), limit: limit, expiry: SlotExpiry(maxAge: maxAge),
            readAhead: readAhead, clock: clock.reading, failureKind: { _ in .transient }, metrics: metrics,
            recordBackoff: Backoff(initial: .milliseconds(1), max: .milliseconds(5)))
        return System(directory: directory, ledger: ledger, telegram: telegram, metrics: metrics, readAhead: readAhead, deliver: deliver)
    }

    /// Slot `index` of target 1 (10:00 Tehran + 10 min × index, two days ahead) in `episode`.
    func found(_ index: Int, episode: UUID, observedAt: Date? = nil) -> FoundSlot {
        var slot = NotifierTestData.foundSlot(
            target: 1, start: NotifierTestData.slotStart(index: index + 12, now: now), observedAt: observedAt ?? now)
        slot.slot.episode = episode
        return slot
    }

    func gone(_ slot: FoundSlot) -> GoneSlot { GoneSlot(targetId: slot.targetId, slot: slot.slot, firstMissedAt: now) }

    @Test("a slot taken and freed again (a new episode) is announced twice; a replay of either announces nothing")
    func reopenedSlotAnnouncedTwice() async throws {
        let system = await system()
        let first = found(0, episode: UUID())
        #expect(try await system.deliver.run(events: [.found(first)], now: now).sent == 1)
        clock.advance(by: 60)
        var again = found(0, episode: UUID())
        again.observedAt = now
        let report = try await system.deliver.run(events: [.gone(gone(first)), .found(again)], now: now)
        #expect(report.sent == 1 && report.gone == 1)
        #expect(await system.telegram.sent.map { $0.slots.map(\.episode) } == [[first.slot.episode], [again.slot.episode]])
        #expect(try await system.deliver.run(events: [.found(first), .gone(gone(first)), .found(again)], now: now).sent == 0)
        #expect(await system.ledger.statusCounts == [.sent: 2])
    }

    @Test("a slot gone before its notice is sent is withdrawn; a notice left empty is not sent")
    func goneBeforeSendIsWithdrawn() async throws {
        let system = await system(users: 1...2)
        // Found and gone in one batch (the coalescing window): nobody hears of it.
        let brief = found(0, episode: UUID())
        let report = try await system.deliver.run(events: [.found(brief), .gone(gone(brief))], now: now)
        #expect(report.sent == 0 && report.withdrawn == 2)
        #expect(await system.telegram.sent.isEmpty && system.metrics["withdrawn"] == 2)

        // Gone while the notice waits to be sent (a 429 pause): the consumer read the slot.gone
        // ahead; the taken slot is taken out, the other one still goes.
        let taken = found(1, episode: UUID())
        let kept = found(2, episode: UUID())
        await system.telegram.setBeforeSend { [readAhead = system.readAhead] notice in
            await readAhead.note(GoneSlot(targetId: taken.targetId, slot: taken.slot, firstMissedAt: notice.observedAt))
        }
        let waiting = try await system.deliver.run(events: [.found(taken), .found(kept)], now: now)
        #expect(waiting.sent == 2 && waiting.withdrawn == 2)
        #expect(await system.telegram.sent.allSatisfy { $0.slots.map(\.start) == [kept.slot.start] })

        // Every slot of a waiting notice gone: the notice is not sent at all.
        let lone = found(3, episode: UUID())
        await system.telegram.setBeforeSend { [readAhead = system.readAhead] notice in
            await readAhead.note(GoneSlot(targetId: lone.targetId, slot: lone.slot, firstMissedAt: notice.observedAt))
        }
        let empty = try await system.deliver.run(events: [.found(lone)], now: now)
        #expect(empty.sent == 0 && empty.withdrawn == 2)
        #expect(await system.telegram.withdrawn == 2)
        #expect(await system.ledger.statusCounts == [.withdrawn: 6, .sent: 2])
    }

    @Test("a slot observed more than the max age ago, or whose start has passed, expires")
    func oldSlotExpires() async throws {
        let system = await system(maxAge: 300)
        let stale = found(0, episode: UUID(), observedAt: now.addingTimeInterval(-301))
        let fresh = found(1, episode: UUID(), observedAt: now.addingTimeInterval(-299))
        let report = try await system.deliver.run(events: [.found(stale), .found(fresh)], now: now)
        #expect(report.sent == 1 && report.expired == 1)
        #expect(await system.telegram.sent.first?.slots.map(\.start) == [fresh.slot.start])

        // Claimed in time but sent too late (a long wait): expired at the send-time check.
        let slow = found(2, episode: UUID())
        await system.telegram.setBeforeSend { [clock] _ in clock.advance(by: 301) }
        let late = try await system.deliver.run(events: [.found(slow)], now: now)
        #expect(late.sent == 0 && late.expired == 1)
        #expect(system.metrics["expired"] == 2)
        #expect(await system.ledger.statusCounts == [.sent: 1, .expired: 1])
    }

    @Test("a held-back slot is offered once, as still free, when the bucket refills; not if it is gone meanwhile")
    func heldBackOfferedOnce() async throws {
        let system = await system(limit: .perDay(10, burst: 1))
        #expect(try await system.deliver.run(events: [.found(found(0, episode: UUID()))], now: now).sent == 1)
        clock.advance(by: 60)
        let held = found(1, episode: UUID(), observedAt: now)
        let heldThenGone = found(2, episode: UUID(), observedAt: now)
        let suppressed = try await system.deliver.run(events: [.found(held)], now: now)
        clock.advance(by: 60)
        _ = try await system.deliver.run(events: [.found(heldThenGone)], now: now)
        #expect(suppressed.suppressed == 1 && system.metrics["suppressed"] == 2)
        _ = try await system.deliver.run(events: [.gone(gone(heldThenGone))], now: now)

        // Three hours later (10 a day = one token every 2.4 h) a new slot pays the token and
        // carries the held-back one, hours after it was observed: still free is not expired.
        clock.advance(by: 3 * 3600)
        let next = found(3, episode: UUID())
        let report = try await system.deliver.run(events: [.found(next)], now: now)
        #expect(report.sent == 1 && report.withdrawn == 1)
        let notice = try #require(await system.telegram.sent.last)
        #expect(notice.slots.map(\.start) == [held.slot.start, next.slot.start])
        #expect(notice.slots.map(\.isStillFree) == [true, false])
        let text = NoticeComposer().text(for: notice)
        #expect(text.contains("Still free:\n" + NotifierTestData.slotLine(held.slot.start)), "\(text)")

        // Offered once: the next notice carries no held-back slot.
        clock.advance(by: 3 * 3600)
        _ = try await system.deliver.run(events: [.found(found(4, episode: UUID()))], now: now)
        #expect(await system.telegram.sent.last?.slots.count == 1)
        #expect(await system.ledger.statusCounts == [.sent: 4, .withdrawn: 1])
    }

    @Test("a free day known without times: announced at day level whatever the hour filter, withdrawn when gone")
    func dayLevelSlot() async throws {
        let system = await system(users: 1...2)
        // 00:00 Tehran of the day after tomorrow (20:30 UTC the day before), until the next 00:00.
        let midnight = NotifierTestData.slotStart(index: 0, now: now).addingTimeInterval(-8 * 3600)
        var day = found(0, episode: UUID())
        day.slot = SlotPeriod(start: midnight, end: midnight.addingTimeInterval(86_400), episode: UUID(), granularity: .day)
        let report = try await system.deliver.run(events: [.found(day)], now: now)
        #expect(report.sent == 2, "the users' 09–18 hour filter does not drop a day whose times are unknown")
        let byChat = Dictionary(uniqueKeysWithValues: await system.telegram.sent.map { ($0.chatId, $0) })
        let english = NoticeComposer().text(for: try #require(byChat[1]))
        let persian = NoticeComposer().text(for: try #require(byChat[2]))
        #expect(
            english.contains("• a free slot on \(JalaliCalendar.longDate(midnight, language: .english)); see the times on the site"),
            "\(english)")
        #expect(
            persian.contains("• نوبت خالی در روز \(JalaliCalendar.longDate(midnight, language: .persian)) — ساعت‌ها را در سایت ببینید"),
            "\(persian)")

        // The day comes back after it was gone: a new episode, a new notice; gone in the same
        // batch as found: withdrawn.
        var back = day
        back.slot.episode = UUID()
        var brief = day
        brief.slot.episode = UUID()
        let later = try await system.deliver.run(
            events: [.gone(gone(day)), .found(back), .found(brief), .gone(gone(brief))], now: now)
        #expect(later.sent == 2 && later.withdrawn == 2)
        #expect(await system.telegram.sent.count == 4)
    }
}
