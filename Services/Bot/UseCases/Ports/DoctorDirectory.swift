import Messaging

/// Resolves doctors on paziresh24 (the scraper's client module, read-only).
public protocol DoctorDirectory: Sendable {
    /// Resolves a slug or profile URL to the doctor and every bookable target.
    func resolve(_ slugOrURL: String) async throws(DoctorLookupError) -> (doctor: DoctorRef, targets: [WatchTarget])

    /// Searches doctors by name across Iran: at most `limit` candidates, best first. `words` are
    /// already normalised (`SearchWords.normalize`) and not empty; no match is an empty list.
    func search(_ words: String, limit: Int) async throws(DoctorLookupError) -> [DoctorCandidate]
}
