/// One thing the scraper polls: a doctor's bookable service at one center.
///
/// The domain's own view of a watch target (the Kafka adapter maps it from and to the
/// `WatchTarget` of the event contract). The id is `<center id>:<service id>`.
public struct ScrapeTarget: Sendable, Hashable {
    /// The doctor.
    public struct Doctor: Sendable, Hashable {
        /// paziresh24 profile slug.
        public var slug: String
        /// Display name.
        public var displayName: String
        /// Specialty title, if known.
        public var specialty: String?
        /// paziresh24 search city slug, if known (with `specialtySlug`: the doctor can be probed).
        public var citySlug: String?
        /// paziresh24 search specialty slug, if known.
        public var specialtySlug: String?

        /// Creates a doctor.
        public init(slug: String, displayName: String, specialty: String? = nil, citySlug: String? = nil, specialtySlug: String? = nil) {
            self.slug = slug
            self.displayName = displayName
            self.specialty = specialty
            self.citySlug = citySlug
            self.specialtySlug = specialtySlug
        }
    }

    /// The center (clinic, office or online visit) the service is booked at.
    public struct Center: Sendable, Hashable {
        /// Center id.
        public var id: String
        /// Center name.
        public var name: String
        /// The doctor's id at this center (needed to read its free slots).
        public var userCenterId: String
        /// The paziresh24 server that holds the center's calendar.
        public var serverId: String
        /// Whether this is the online-visit center.
        public var isOnline: Bool

        /// Creates a center.
        public init(id: String, name: String, userCenterId: String, serverId: String = "1", isOnline: Bool) {
            self.id = id
            self.name = name
            self.userCenterId = userCenterId
            self.serverId = serverId
            self.isOnline = isOnline
        }
    }

    /// The bookable service.
    public struct Service: Sendable, Hashable {
        /// Service id.
        public var id: String
        /// Service name.
        public var name: String
        /// The service's price in Rial the watch record carries (read by the bot from the doctor's
        /// full profile), if known.
        public var freePriceRial: Int64?

        /// Creates a service.
        public init(id: String, name: String, freePriceRial: Int64? = nil) {
            self.id = id
            self.name = name
            self.freePriceRial = freePriceRial
        }
    }

    /// Stable id: `<center id>:<service id>`.
    public var id: String { "\(center.id):\(service.id)" }
    /// The doctor.
    public var doctor: Doctor
    /// The center.
    public var center: Center
    /// The service.
    public var service: Service

    /// Creates a target.
    public init(doctor: Doctor, center: Center, service: Service) {
        self.doctor = doctor
        self.center = center
        self.service = service
    }
}
