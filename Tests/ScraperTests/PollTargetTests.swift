import Foundation
import Messaging
import Paziresh24
import ScraperCore
import Testing

/// A scripted slot source.
final class ScriptedSource: Paziresh24Fetching, @unchecked Sendable {
    // @unchecked: `answers` is guarded by `lock`.
    private let lock = NSLock()
    private var answers: [Result<[FreeSlot], Paziresh24Error>]
    init(_ answers: [Result<[FreeSlot], Paziresh24Error>]) { self.answers = answers }
    func resolveDoctor(_ slugOrProfileURL: String) async throws(Paziresh24Error) -> DoctorProfile {
        throw Paziresh24Error(.doctorNotFound)
    }
    func freeSlots(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> [FreeSlot] {
        let next = lock.withLock { answers.removeFirst() }
        return try next.get()
    }
    func searchDoctors(_ query: DoctorSearchQuery) async throws(Paziresh24Error) -> DoctorSearchPage {
        throw Paziresh24Error(.invalidInput("search is not scripted"))
    }
}

/// Records published events; can be told to fail.
actor RecordingEvents: ScraperEventPublishing {
    var slots: [SlotFoundV1] = []
    var checks: [DoctorCheckedV1] = []
    var failSlots = false
    struct Down: Error {}
    func setFailSlots(_ fail: Bool) { failSlots = fail }
    func slotFound(_ payload: SlotFoundV1, correlationId: String) async throws {
        if failSlots { throw Down() }
        slots.append(payload)
    }
    func checked(_ payload: DoctorCheckedV1, correlationId: String) async throws { checks.append(payload) }
}

@Suite("PollTarget")
struct PollTargetTests {
    let target = WatchTarget(
        doctor: DoctorRef(slug: "دکتر-هدیه-جباری-0", displayName: "هدیه جباری", specialty: nil),
        center: CenterRef(id: "5532", name: "ویزیت آنلاین", userCenterId: "u", isOnline: true),
        service: ServiceRef(id: "s1", name: "ویزیت"))
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)

    func slots(_ offsets: [Int]) -> [FreeSlot] {
        offsets.map { FreeSlot(start: t0 + TimeInterval($0 * 600), end: t0 + TimeInterval($0 * 600 + 600)) }
    }

    @Test("announces new slots once, reports every poll, and an error changes nothing")
    func announces() async throws {
        let source = ScriptedSource([
            .success(slots([0, 1])), .success(slots([0, 1, 2])), .failure(Paziresh24Error(.timeout)), .success(slots([0, 1, 2])),
            .success([]),
        ])
        let events = RecordingEvents()
        let state = ScraperState(minInterval: 30)
        await state.assign([0])
        await state.apply(.watchRequested(Envelope(producer: .init(service: "t", instance: "1"), correlationId: "c", payload: .init(target: target))), partition: 0)
        let poll = PollTarget(source: source, events: events, state: state, bookingSite: URL(string: "https://www.paziresh24.com")!)
        #expect(try await poll.run(target).newSlots == 2)
        #expect(try await poll.run(target).newSlots == 1)
        let failed = try await poll.run(target)
        #expect(failed.outcome == .error)
        #expect(failed.errorKind == "timeout")
        #expect(try await poll.run(target).newSlots == 0, "a failed poll changed nothing")
        #expect(try await poll.run(target).outcome == .noSlots)
        let published = await events.slots
        #expect(published.map(\.slot.localStart) == ["15:00", "15:10", "15:20"])
        #expect(published.allSatisfy { $0.bookingURL.hasPrefix("https://www.paziresh24.com/dr/") })
        #expect(published[0].pollId == published[1].pollId)
        #expect(await events.checks.map(\.outcome) == [.ok, .ok, .error, .ok, .noSlots])
    }

    @Test("when publishing fails, the slots are announced again by the next poll (nothing lost)")
    func publishFailure() async throws {
        let source = ScriptedSource([.success(slots([0])), .success(slots([0]))])
        let events = RecordingEvents()
        let state = ScraperState(minInterval: 30)
        await state.assign([0])
        await state.apply(.watchRequested(Envelope(producer: .init(service: "t", instance: "1"), correlationId: "c", payload: .init(target: target))), partition: 0)
        let poll = PollTarget(source: source, events: events, state: state, bookingSite: URL(string: "https://www.paziresh24.com")!)
        await events.setFailSlots(true)
        await #expect(throws: RecordingEvents.Down.self) { try await poll.run(target) }
        await events.setFailSlots(false)
        #expect(try await poll.run(target).newSlots == 1)
        #expect(await events.slots.count == 1)
    }
}
