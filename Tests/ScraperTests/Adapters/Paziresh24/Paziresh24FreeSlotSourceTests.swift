import Foundation
import Paziresh24
import ScraperAdapters
import ScraperDomain
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

    @Test("client errors become the domain's, with the kind label and the Retry-After; cancellation stays cancellation")
    func errors() async throws {
        let client = ScriptedPaziresh24([
            .failure(Paziresh24Error(.timeout)), .failure(Paziresh24Error(.rateLimited(retryAfter: .seconds(30)))),
            .failure(Paziresh24Error(.cancelled)),
        ])
        let source = Paziresh24FreeSlotSource(client: client, bookingSite: site)
        await #expect(throws: FreeSlotSourceError(kind: "timeout")) { try await source.freeSlots(of: target) }
        await #expect(throws: FreeSlotSourceError(kind: "rate_limited", retryAfter: .seconds(30))) { try await source.freeSlots(of: target) }
        await #expect(throws: CancellationError.self) { try await source.freeSlots(of: target) }
    }
}
