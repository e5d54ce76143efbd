import EventBus
import Foundation
import Kafka
import Messaging
import ScraperAdapters
import ScraperDomain
import ScraperTestSupport
import TestSupport
import Testing

/// What a downstream consumer sees of an acknowledged `slot.found`.
struct ObservedSlot: Equatable {
    var targetId: String
    var start: Date
    var end: Date
    var bookingURL: String
    var pollId: UUID
    var correlationId: String
}

/// What a downstream consumer sees of an acknowledged `doctor.checked`.
struct ObservedCheck: Equatable {
    var targetId: String
    var outcome: String
    var errorKind: String?
    var freeSlotCount: Int
    var newSlotCount: Int
    var durationMs: Int
    var pollId: UUID
    var correlationId: String
}

/// One implementation of `ScraperEventPublishing` and a way to see what it published.
protocol ScraperEventsUnderTest: Sendable {
    var publisher: any ScraperEventPublishing { get }
    /// The events published for `targetIds`, in publish order per kind, once `slots` and
    /// `checks` of them are visible (bounded wait).
    func observed(targetIds: Set<String>, slots: Int, checks: Int) async throws -> ([ObservedSlot], [ObservedCheck])
    func close() async
}

/// The in-memory double.
struct InMemoryEventsUnderTest: ScraperEventsUnderTest {
    let events = InMemoryScraperEvents(clock: VirtualClock())
    var publisher: any ScraperEventPublishing { events }

    func observed(targetIds: Set<String>, slots: Int, checks: Int) async throws -> ([ObservedSlot], [ObservedCheck]) {
        let slots = await events.slots.filter { targetIds.contains($0.event.target.id) }.map {
            ObservedSlot(
                targetId: $0.event.target.id, start: $0.event.slot.start, end: $0.event.slot.end, bookingURL: $0.event.bookingURL,
                pollId: $0.event.pollId, correlationId: $0.correlationId)
        }
        let checks = await events.checks.filter { targetIds.contains($0.event.targetId) }.map {
            ObservedCheck(
                targetId: $0.event.targetId, outcome: $0.event.outcome.rawValue, errorKind: $0.event.errorKind,
                freeSlotCount: $0.event.freeSlotCount, newSlotCount: $0.event.newSlotCount,
                durationMs: Int(($0.event.duration / .milliseconds(1)).rounded(.towardZero)),
                pollId: $0.event.pollId, correlationId: $0.correlationId)
        }
        return (slots, checks)
    }

    func close() async {}
}

/// The Kafka adapter against the test broker, read back by fresh consumers of both topics.
struct KafkaEventsUnderTest: ScraperEventsUnderTest {
    let producer: KafkaProducer
    let publisher: any ScraperEventPublishing
    let slotsTopic: TopicRecorder
    let checksTopic: TopicRecorder

    init() throws {
        let bootstrap = try TestEnvironment.requireKafkaBootstrap()
        var configuration = KafkaProducerConfiguration(bootstrapServers: bootstrap, clientId: "scraper-events-contract")
        configuration.messageTimeout = .seconds(10)
        producer = try KafkaProducer(configuration: configuration)
        publisher = KafkaScraperEvents(
            bus: BusPublisher(producer: producer, identity: ProducerIdentity(service: "scraper", instance: "contract")))
        slotsTopic = try TopicRecorder(bootstrap: bootstrap, topic: Topic.slots, schemas: [SlotFoundV1.schema])
        checksTopic = try TopicRecorder(bootstrap: bootstrap, topic: Topic.checks, schemas: [DoctorCheckedV1.schema])
    }

    func observed(targetIds: Set<String>, slots: Int, checks: Int) async throws -> ([ObservedSlot], [ObservedCheck]) {
        var seen: ([ObservedSlot], [ObservedCheck]) = ([], [])
        try? await eventually(within: .seconds(30), every: .milliseconds(100), "\(slots) slots and \(checks) checks") {
            let seenSlots: [ObservedSlot] = slotsTopic.all.compactMap {
                guard case .slotFound(let envelope) = $0, targetIds.contains(envelope.payload.targetId) else { return nil }
                let p = envelope.payload
                return ObservedSlot(
                    targetId: p.targetId, start: p.slot.start, end: p.slot.end, bookingURL: p.bookingURL, pollId: p.pollId,
                    correlationId: envelope.correlationId)
            }
            let seenChecks: [ObservedCheck] = checksTopic.all.compactMap {
                guard case .doctorChecked(let envelope) = $0, targetIds.contains(envelope.payload.targetId) else { return nil }
                let p = envelope.payload
                return ObservedCheck(
                    targetId: p.targetId, outcome: p.outcome.rawValue, errorKind: p.errorKind, freeSlotCount: p.freeSlotCount,
                    newSlotCount: p.newSlotCount, durationMs: p.durationMs, pollId: p.pollId, correlationId: envelope.correlationId)
            }
            seen = (seenSlots, seenChecks)
            return seenSlots.count >= slots && seenChecks.count >= checks
        }
        return seen
    }

    func close() async {
        await slotsTopic.close()
        await checksTopic.close()
        await producer.close()
    }
}

/// One contract, two implementations: whatever the in-memory double promises the use case, the
/// Kafka adapter does too (and the other way round).
@Suite("ScraperEventPublishing contract")
struct ScraperEventPublishingContractTests {
    @Test("in memory")
    func inMemory() async throws {
        try await Self.contract(InMemoryEventsUnderTest())
    }

    @Test("Kafka (test broker)", .enabled(if: TestEnvironment.hasKafka))
    func kafka() async throws {
        try await Self.contract(try KafkaEventsUnderTest())
    }

    /// Every acknowledged event is visible with its fields and correlation id, in publish order
    /// per target; events of different targets do not mix.
    static func contract(_ subject: some ScraperEventsUnderTest) async throws {
        let run = UUID().uuidString.prefix(8).lowercased()
        func target(_ n: Int) -> ScrapeTarget {
            ScrapeTarget(
                doctor: .init(slug: "dr-\(run)-\(n)", displayName: "D"),
                center: .init(id: "contract-\(run)-\(n)", name: "C", userCenterId: "u", isOnline: false),
                service: .init(id: "s", name: "S"))
        }
        let targets = [target(1), target(2)]
        let t0 = Date(timeIntervalSince1970: 1_791_286_200)
        var expectedSlots: [ObservedSlot] = []
        var expectedChecks: [ObservedCheck] = []
        do {
            for (index, target) in targets.enumerated() {
                let pollId = UUID()
                let correlationId = pollId.uuidString.lowercased()
                for n in 0..<3 {
                    let slot = FreeSlot(start: t0 + TimeInterval(n * 600), end: t0 + TimeInterval(n * 600 + 600))
                    try await subject.publisher.slotFound(
                        DiscoveredSlot(
                            target: target, slot: slot, bookingURL: "https://p24.example/dr/\(target.doctor.slug)/", observedAt: t0,
                            pollId: pollId, episode: UUID()),
                        correlationId: correlationId)
                    expectedSlots.append(
                        ObservedSlot(
                            targetId: target.id, start: slot.start, end: slot.end,
                            bookingURL: "https://p24.example/dr/\(target.doctor.slug)/",
                            pollId: pollId, correlationId: correlationId))
                }
                let outcome: PollOutcome = index == 0 ? .ok : .error
                try await subject.publisher.checked(
                    CheckReport(
                        targetId: target.id, doctorSlug: target.doctor.slug, outcome: outcome, errorKind: index == 0 ? nil : "timeout",
                        freeSlotCount: 3, newSlotCount: 3, earliestSlots: nil, duration: .milliseconds(42), checkedAt: t0, pollId: pollId),
                    correlationId: correlationId)
                expectedChecks.append(
                    ObservedCheck(
                        targetId: target.id, outcome: outcome.rawValue, errorKind: index == 0 ? nil : "timeout", freeSlotCount: 3,
                        newSlotCount: 3, durationMs: 42, pollId: pollId, correlationId: correlationId))
            }
            let (slots, checks) = try await subject.observed(targetIds: Set(targets.map(\.id)), slots: 6, checks: 2)
            for target in targets {
                #expect(
                    slots.filter { $0.targetId == target.id } == expectedSlots.filter { $0.targetId == target.id }, "slots of \(target.id)")
                #expect(
                    checks.filter { $0.targetId == target.id } == expectedChecks.filter { $0.targetId == target.id },
                    "checks of \(target.id)")
            }
            #expect(slots.count == 6 && checks.count == 2, "each acknowledged event exactly once")
        } catch {
            await subject.close()
            throw error
        }
        await subject.close()
    }
}
