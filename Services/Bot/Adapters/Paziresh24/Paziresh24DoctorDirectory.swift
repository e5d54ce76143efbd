import BotDomain
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
            default: throw .unavailable
            }
        }
        let doctor = DoctorRef(slug: profile.slug, displayName: profile.displayName, specialty: profile.specialty)
        let targets = profile.bookableTargets.map { target in
            WatchTarget(
                doctor: doctor,
                center: CenterRef(
                    id: target.center.id, name: target.center.name, userCenterId: target.center.userCenterId,
                    serverId: target.center.serverId, isOnline: target.center.isOnlineVisit),
                service: ServiceRef(id: target.service.id, name: target.service.name))
        }
        return (doctor, targets)
    }
}
