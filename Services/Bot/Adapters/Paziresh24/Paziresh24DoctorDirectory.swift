import BotDomain
import Foundation
import Messaging
import Paziresh24

/// `DoctorDirectory` through the same read-only paziresh24 client the scraper uses.
public struct Paziresh24DoctorDirectory: DoctorDirectory {
    let client: any Paziresh24Fetching

    /// Creates the adapter.
    public init(client: any Paziresh24Fetching) {
        self.client = client
    }

    public func resolve(_ slugOrURL: String) async throws(DoctorLookupError) -> (doctor: DoctorRef, targets: [WatchTarget]) {
        guard DoctorSlug.parse(slugOrURL) != nil else { throw .malformedInput }
        let profile: DoctorProfile
        do {
            profile = try await client.resolveDoctor(slugOrURL)
        } catch {
            switch error.kind {
            case .doctorNotFound: throw .notFound
            case .invalidInput: throw .malformedInput
            case .rateLimited: throw .busy
            default: throw .unavailable
            }
        }
        let doctor = DoctorRef(
            slug: profile.slug, displayName: profile.displayName, specialty: profile.specialty,
            citySlug: profile.citySlug, specialtySlug: profile.specialtySlug)
        let targets = profile.bookableTargets.map { target in
            WatchTarget(
                doctor: doctor,
                center: CenterRef(
                    id: target.center.id, name: target.center.name, userCenterId: target.center.userCenterId,
                    serverId: target.center.serverId, isOnline: target.center.isOnlineVisit),
                service: ServiceRef(id: target.service.id, name: target.service.name, freePriceRial: target.service.freePriceRial))
        }
        return (doctor, targets)
    }

    public func search(_ words: String, limit: Int) async throws(DoctorLookupError) -> [DoctorCandidate] {
        let page: DoctorSearchPage
        do {
            page = try await client.searchDoctors(DoctorSearchQuery(city: "ir", text: words, page: 1, limit: max(1, limit)))
        } catch {
            switch error.kind {
            case .invalidInput: throw .malformedInput
            case .rateLimited: throw .busy
            default: throw .unavailable
            }
        }
        return page.cards.prefix(max(0, limit)).map(Self.candidate)
    }

    /// A search card as the bot offers it; the earliest free time is the earliest of every
    /// center's, the office visits' and (unless online booking is off) the online visit's.
    static func candidate(_ card: DoctorSearchCard) -> DoctorCandidate {
        let onlineOff = card.consultActiveBooking == false
        var times = card.centers.filter { !(onlineOff && $0.isOnlineVisit) }.compactMap(\.freeTurn)
        if let presence = card.presenceFreeTurn { times.append(presence) }
        if let consult = card.consultFreeTurn, !onlineOff { times.append(consult) }
        return DoctorCandidate(
            slug: card.slug, name: card.displayName ?? card.slug, specialty: card.expertise, city: card.city,
            earliestFreeTurn: times.min())
    }
}
