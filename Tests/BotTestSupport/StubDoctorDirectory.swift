import BotDomain
import Foundation
import Messaging

/// A `DoctorDirectory` with a fixed answer per slug (anything else is not found); a name search
/// matches the normalised words in the doctors' names. `failure`, when set, is what every lookup throws.
public struct StubDoctorDirectory: DoctorDirectory {
    let doctors: [String: (doctor: DoctorRef, targets: [WatchTarget])]
    let order: [String]
    let failure: DoctorLookupError?
    let earliest: Date?

    /// A directory that knows `doctors`; search results list `earliest` as each one's first free time.
    public init(
        _ doctors: [(doctor: DoctorRef, targets: [WatchTarget])], failure: DoctorLookupError? = nil, earliest: Date? = nil
    ) {
        var bySlug: [String: (doctor: DoctorRef, targets: [WatchTarget])] = [:]
        for entry in doctors { bySlug[entry.doctor.slug] = entry }
        self.doctors = bySlug
        self.order = doctors.map(\.doctor.slug)
        self.failure = failure
        self.earliest = earliest
    }

    public func resolve(_ slugOrURL: String) async throws(DoctorLookupError) -> (doctor: DoctorRef, targets: [WatchTarget]) {
        if let failure { throw failure }
        let slug = slugOrURL.split(separator: "/").last.map(String.init) ?? slugOrURL
        guard !slug.isEmpty, !slug.contains(" ") else { throw .malformedInput }
        guard let found = doctors[slug] else { throw .notFound }
        return found
    }

    public func search(_ words: String, limit: Int) async throws(DoctorLookupError) -> [DoctorCandidate] {
        if let failure { throw failure }
        let matching = order.compactMap { doctors[$0]?.doctor }.filter {
            SearchWords.normalize($0.displayName).contains(words)
        }
        return matching.prefix(limit).map {
            DoctorCandidate(slug: $0.slug, name: $0.displayName, specialty: $0.specialty, city: "تهران", earliestFreeTurn: earliest)
        }
    }
}
