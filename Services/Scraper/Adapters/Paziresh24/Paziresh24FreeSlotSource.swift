import Foundation
import Paziresh24
import ScraperDomain

/// `FreeSlotSource` over paziresh24: one getFreeDays read per poll (the client's retries and
/// breakers aside), its errors mapped to `FreeSlotSourceError` with the client's kind labels.
public struct Paziresh24FreeSlotSource: FreeSlotSource {
    let client: any Paziresh24Fetching
    let bookingSite: URL

    /// Creates the adapter; booking links point at `bookingSite` (`PAZIRESH24_WWW_URL`).
    public init(client: any Paziresh24Fetching, bookingSite: URL) {
        self.client = client
        self.bookingSite = bookingSite
    }

    public func freeSlots(of target: ScrapeTarget) async throws -> [ScraperDomain.FreeSlot] {
        let query = FreeSlotsQuery(
            centerId: target.center.id, serviceId: target.service.id, userCenterId: target.center.userCenterId,
            serverId: target.center.serverId)
        do {
            return try await client.freeSlots(query).map { ScraperDomain.FreeSlot(start: $0.start, end: $0.end) }
        } catch {
            throw Self.sourceError(error)
        }
    }

    public func bookingLink(for target: ScrapeTarget) -> String {
        DoctorSlug.profileURL(for: target.doctor.slug, site: bookingSite).absoluteString
    }

    /// A client error as the domain sees it: cancellation stays cancellation; a 429 keeps its
    /// Retry-After.
    static func sourceError(_ error: Paziresh24Error) -> any Error {
        switch error.kind {
        case .cancelled: return CancellationError()
        case .rateLimited(let after): return FreeSlotSourceError(kind: error.kindLabel, retryAfter: after)
        default: return FreeSlotSourceError(kind: error.kindLabel)
        }
    }
}
