/// One (center, bookable service) of a doctor: the unit SlotHunter polls.
public struct DoctorTarget: Sendable, Hashable, Codable {
    /// `<center id>:<service id>`, the same id `Messaging.WatchTarget` uses and the key of the
    /// per-target circuit breaker.
    public var id: String { FreeSlotsQuery.targetKey(centerId: center.id, serviceId: service.id) }
    /// The doctor's slug.
    public var doctorSlug: String
    /// The center.
    public var center: DoctorCenter
    /// The bookable service.
    public var service: DoctorService

    /// Creates a target.
    public init(doctorSlug: String, center: DoctorCenter, service: DoctorService) {
        self.doctorSlug = doctorSlug
        self.center = center
        self.service = service
    }

    /// The getFreeDays query for this target.
    public var query: FreeSlotsQuery {
        FreeSlotsQuery(centerId: center.id, serviceId: service.id, userCenterId: center.userCenterId, serverId: center.serverId)
    }
}
