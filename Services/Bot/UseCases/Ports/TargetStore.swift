import Messaging

/// Doctors and their bookable (center, service) targets, with the short ids callback data carries.
public protocol TargetStore: Sendable {
    /// Stores a doctor and every bookable (center, service) as targets; returns them with short ids
    /// (a target saved again keeps its short id).
    func saveDoctor(_ doctor: DoctorRef, targets: [WatchTarget]) async throws -> [StoredTarget]
    /// Looks up a target by short id.
    func target(shortId: Int64) async throws -> StoredTarget?
}
