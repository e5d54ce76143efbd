import Foundation
import Messaging
import ScraperAdapters
import ScraperDomain
import TestSupport
import Testing

/// The domain events become the contract's payloads without losing or changing anything.
@Suite("Scraper wire mapping")
struct ScraperWireMappingTests {
    let target = ScrapeTarget(
        doctor: .init(slug: "دکتر-هدیه-جباری-0", displayName: "هدیه جباری"),
        center: .init(id: "5532", name: "ویزیت آنلاین", userCenterId: "u", isOnline: true),
        service: .init(id: "s1", name: "ویزیت"))
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)

    @Test("slot.found carries the target, the slot in Tehran time, the booking link and the episode")
    func slotFound() {
        let pollId = UUID(), episode = UUID()
        let payload = SlotFoundV1(
            DiscoveredSlot(
                target: target, slot: FreeSlot(start: t0, end: t0 + 600), bookingURL: "https://www.paziresh24.com/dr/x/",
                observedAt: t0, pollId: pollId, episode: episode))
        #expect(payload.episode == episode && payload.granularity == .time)
        #expect(payload.targetId == "5532:s1")
        #expect(payload.doctor == DoctorRef(slug: target.doctor.slug, displayName: "هدیه جباری", specialty: nil))
        #expect(payload.center == CenterRef(id: "5532", name: "ویزیت آنلاین", userCenterId: "u", isOnline: true))
        #expect(payload.serviceId == "s1")
        #expect(payload.slot.localStart == "15:00" && payload.slot.localEnd == "15:10")
        #expect(payload.bookingURL == "https://www.paziresh24.com/dr/x/")
        #expect(payload.observedAt == t0 && payload.pollId == pollId)
        #expect(payload.onlinePriceRial == nil, "no card read: no price on the wire")
        let priced = SlotFoundV1(
            DiscoveredSlot(
                target: target, slot: FreeSlot(start: t0, end: t0 + 600), bookingURL: "https://www.paziresh24.com/dr/x/",
                observedAt: t0, pollId: pollId, episode: episode, onlinePriceRial: 800_000))
        #expect(priced.onlinePriceRial == 800_000)
    }

    @Test("a day-level slot.found spans the Tehran day and says so")
    func dayLevelSlotFound() {
        let dayStart = Date(timeIntervalSince1970: 1_791_664_200)  // 2026-10-10T20:30Z = 2026-10-11 00:00 Tehran
        let payload = SlotFoundV1(
            DiscoveredSlot(
                target: target, slot: .day(startingAt: dayStart), bookingURL: "https://www.paziresh24.com/dr/x/", observedAt: t0,
                pollId: UUID(), episode: UUID()))
        #expect(payload.granularity == .day)
        #expect(payload.slot.localDate == "2026-10-11" && payload.slot.localStart == "00:00" && payload.slot.localEnd == "00:00")
        #expect(payload.slot.end.timeIntervalSince(payload.slot.start) == 86_400)
    }

    @Test("slot.gone carries the episode it closes, when the slot was last seen and first missed")
    func slotGone() {
        let episode = UUID(), pollId = UUID()
        let payload = SlotGoneV1(
            GoneSlot(
                targetId: target.id, slot: FreeSlot(start: t0, end: t0 + 600), episode: episode, lastSeenAt: t0 - 120,
                firstMissedAt: t0 - 60, pollId: pollId))
        #expect(payload.targetId == "5532:s1" && payload.episode == episode && payload.pollId == pollId)
        #expect(payload.lastSeenAt == t0 - 120 && payload.firstMissedAt == t0 - 60)
        #expect(payload.slot.localStart == "15:00" && payload.granularity == .time)
    }

    @Test("the slot.state golden fixture reads as the domain's slot state and maps back unchanged")
    func slotStateFixture() throws {
        guard
            case .slotState(let envelope) = try MessageDecoder(accepting: [SlotStateV1.schema])
                .decode(value: try GoldenFixtures.message("slot.state"), headers: [])
        else { Issue.record("not a slot.state"); return }
        let state = TargetSlots(envelope.payload)
        #expect(state.slots.count == 2)
        #expect(state.slots[0].slot == FreeSlot(start: t0, end: t0 + 600))
        #expect(state.slots[0].episode == UUID(uuidString: "c2a1f6d0-8e4b-4b3a-9f17-5e6d7c8b9a01"))
        #expect(state.slots[1].slot == .day(startingAt: Date(timeIntervalSince1970: 1_791_664_200)))
        #expect(state.updatedAt == state.slots[0].lastSeenAt)
        #expect(SlotStateV1(targetId: envelope.payload.targetId, state) == envelope.payload)
    }

    @Test("doctor.checked carries the outcome and the duration in whole milliseconds", arguments: [PollOutcome.ok, .noSlots, .error])
    func checked(outcome: PollOutcome) {
        let payload = DoctorCheckedV1(
            CheckReport(
                targetId: target.id, doctorSlug: target.doctor.slug, outcome: outcome, errorKind: outcome == .error ? "timeout" : nil,
                freeSlotCount: 3, newSlotCount: 1, earliestSlots: [t0], duration: .milliseconds(1234) + .microseconds(900),
                checkedAt: t0, pollId: UUID()))
        #expect(payload.outcome.rawValue == outcome.rawValue)
        #expect(payload.durationMs == 1234)
        #expect(payload.freeSlotCount == 3 && payload.newSlotCount == 1 && payload.earliestSlots == [t0])
        #expect(payload.errorKind == (outcome == .error ? "timeout" : nil))
    }
}
