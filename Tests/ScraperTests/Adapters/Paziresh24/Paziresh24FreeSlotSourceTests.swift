import Foundation
import Paziresh24
import ScraperAdapters
import ScraperDomain
import StandIns
import Synchronization
import Testing

/// A scripted paziresh24 client that records the queries it got.
final class ScriptedPaziresh24: Paziresh24Fetching {
    private let answers: Mutex<[Result<[Paziresh24.FreeSlot], Paziresh24Error>]>
    let queries = Mutex<[FreeSlotsQuery]>([])
    init(_ answers: [Result<[Paziresh24.FreeSlot], Paziresh24Error>]) { self.answers = Mutex(answers) }
    func resolveDoctor(_ slugOrProfileURL: String) async throws(Paziresh24Error) -> DoctorProfile {
        throw Paziresh24Error(.doctorNotFound)
    }
    func freeSlots(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> [Paziresh24.FreeSlot] {
        queries.withLock { $0.append(query) }
        return try answers.withLock { $0.removeFirst() }.get()
    }
    func searchDoctors(_ query: DoctorSearchQuery) async throws(Paziresh24Error) -> DoctorSearchPage {
        throw Paziresh24Error(.invalidInput("search is not scripted"))
    }
}

/// A client whose getFreeDays answer is a whole recorded answer (slots and calendar).
struct AnsweringPaziresh24: Paziresh24Fetching {
    let answer: FreeSlotsAnswer
    func resolveDoctor(_ slugOrProfileURL: String) async throws(Paziresh24Error) -> DoctorProfile {
        throw Paziresh24Error(.doctorNotFound)
    }
    func freeSlots(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> [Paziresh24.FreeSlot] { answer.slots }
    func freeSlotsAnswer(_ query: FreeSlotsQuery) async throws(Paziresh24Error) -> FreeSlotsAnswer { answer }
    func searchDoctors(_ query: DoctorSearchQuery) async throws(Paziresh24Error) -> DoctorSearchPage {
        throw Paziresh24Error(.invalidInput("search is not scripted"))
    }
}

@Suite("Paziresh24FreeSlotSource")
struct Paziresh24FreeSlotSourceTests {
    let target = ScrapeTarget(
        doctor: .init(slug: "دکتر-هدیه-جباری-0", displayName: "هدیه جباری"),
        center: .init(id: "c1", name: "C", userCenterId: "u1", serverId: "7", isOnline: false),
        service: .init(id: "s1", name: "S"))
    let site = URL(string: "https://www.paziresh24.com")!
    let t0 = Date(timeIntervalSince1970: 1_791_286_200)

    @Test("reads the target's center and service and returns its slots")
    func reads() async throws {
        let client = ScriptedPaziresh24([.success([Paziresh24.FreeSlot(start: t0, end: t0 + 600)])])
        let source = Paziresh24FreeSlotSource(client: client, bookingSite: site)
        #expect(try await source.freeSlots(of: target) == [ScraperDomain.FreeSlot(start: t0, end: t0 + 600)])
        let query = try #require(client.queries.withLock { $0.first })
        #expect(query == FreeSlotsQuery(centerId: "c1", serviceId: "s1", userCenterId: "u1", serverId: "7"))
        #expect(source.bookingLink(for: target).hasPrefix("https://www.paziresh24.com/dr/"))
    }

    @Test("free days without times (the recorded answer: 7 free days, times for 3) become day-level slots")
    func dayLevelSlots() async throws {
        let client = AnsweringPaziresh24(answer: try FreeSlotsAnswer.decode(Paziresh24Fixture.freeDaysSlots.data))
        let source = Paziresh24FreeSlotSource(client: client, bookingSite: site)
        let slots = try await source.freeSlots(of: target)
        #expect(slots.filter { $0.granularity == .time }.count == 12)
        let days = slots.filter { $0.granularity == .day }
        // 2026-10-11 … 2026-10-14, 00:00 Tehran (20:30 UTC the day before) to the next 00:00.
        #expect(days.map(\.start) == [1_791_664_200, 1_791_750_600, 1_791_837_000, 1_791_923_400].map { Date(timeIntervalSince1970: $0) })
        #expect(days.allSatisfy { $0.end.timeIntervalSince($0.start) == 86_400 })
    }

    @Test("client errors become the domain's, with the kind label and the Retry-After; cancellation stays cancellation")
    func errors() async throws {
        let client = ScriptedPaziresh24([
            .failure(Paziresh24Error(.timeout)), .failure(Paziresh24Error(.rateLimited(retryAfter: .seconds(30)))),
            .failure(Paziresh24Error(.cancelled)),
        ])
        let source = Paziresh24FreeSlotSource(client: client, bookingSite: site)
        await #expect(throws: FreeSlotSourceError(kind: "timeout")) { try await source.freeSlots(of: target) }
        await #expect(throws: FreeSlotSourceError(kind: "rate_limited", retryAfter: .seconds(30))) {
            try await source.freeSlots(of: target)
        }
        await #expect(throws: CancellationError.self) { try await source.freeSlots(of: target) }
    }
}
