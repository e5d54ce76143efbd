import Foundation
import Paziresh24
import ScraperDomain

/// `FreeSlotSource` over paziresh24: one getFreeDays read per poll (the client's retries and
/// breakers aside), its errors mapped to `FreeSlotSourceError` with the client's kind labels.
///
/// The answer lists slot times for the first days of the booking window (`result`) and every free
/// day of the window (`calendar.turns`). Each free day without times becomes a day-level slot
/// (00:00 Tehran to the next 00:00); once paziresh24 lists that day's times, the timed slots
/// replace it (the day-level slot is then gone, the timed ones found). No hold or booking
/// endpoint is ever asked for the times.
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
            let answer = try await client.freeSlotsAnswer(query)
            return answer.slots.map { ScraperDomain.FreeSlot(start: $0.start, end: $0.end) }
                + answer.freeDaysWithoutTimes.map { ScraperDomain.FreeSlot.day(startingAt: $0) }
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
