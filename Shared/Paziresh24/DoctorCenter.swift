/// A place (office, clinic) or the online-visit center where a doctor takes appointments.
public struct DoctorCenter: Sendable, Hashable, Codable {
    /// paziresh24's id of the virtual center for online visits.
    public static let onlineVisitCenterId = "5532"

    /// paziresh24 center id (a UUID, or `5532` for online visits).
    public var id: String
    /// Center name (Persian).
    public var name: String
    /// The doctor's membership id in this center, sent as `user_center_id` to getFreeDays.
    public var userCenterId: String
    /// paziresh24 `server_id` (`1` in every recording), sent as `server_id`.
    public var serverId: String
    /// `true` for the online-visit center `5532`.
    public var isOnlineVisit: Bool
    /// City, if given.
    public var city: String?
    /// Street address, if given.
    public var address: String?
    /// Every service of the doctor at this center, bookable or not (see `DoctorService.canBook`).
    public var services: [DoctorService]

    /// Creates a center; `isOnlineVisit` follows from the id.
    public init(
        id: String, name: String, userCenterId: String, serverId: String = "1", city: String? = nil,
        address: String? = nil, services: [DoctorService]
    ) {
        self.id = id
        self.name = name
        self.userCenterId = userCenterId
        self.serverId = serverId
        self.isOnlineVisit = id == Self.onlineVisitCenterId
        self.city = city
        self.address = address
        self.services = services
    }

    /// The bookable services only.
    public var bookableServices: [DoctorService] { services.filter(\.canBook) }
}
