import BotDomain
import Messaging

/// A `DoctorDirectory` with a fixed answer per slug (anything else is not found).
public struct StubDoctorDirectory: DoctorDirectory {
    let doctors: [String: (doctor: DoctorRef, targets: [WatchTarget])]

    /// A directory that knows `doctors`.
    public init(_ doctors: [(doctor: DoctorRef, targets: [WatchTarget])]) {
        var bySlug: [String: (doctor: DoctorRef, targets: [WatchTarget])] = [:]
        for entry in doctors { bySlug[entry.doctor.slug] = entry }
        self.doctors = bySlug
    }

    public func resolve(_ slugOrURL: String) async throws(DoctorLookupError) -> (doctor: DoctorRef, targets: [WatchTarget]) {
        let slug = slugOrURL.split(separator: "/").last.map(String.init) ?? slugOrURL
        guard !slug.isEmpty, !slug.contains(" ") else { throw .malformedInput }
        guard let found = doctors[slug] else { throw .notFound }
        return found
    }
}
