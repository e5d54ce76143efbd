/// One thing the scraper polls: a (doctor, center, service) on paziresh24.
///
/// Its `id` (`<center id>:<service id>`) is the Kafka key on the watches, slots and checks topics,
/// so every event of a target lands on one partition, in order.
public struct WatchTarget: Sendable, Hashable, Codable {
    /// Stable id: `<center id>:<service id>`.
    public var id: String
    /// The doctor.
    public var doctor: DoctorRef
    /// The center (clinic, office or the online-visit center `5532`).
    public var center: CenterRef
    /// The bookable service of that center.
    public var service: ServiceRef

    /// Creates a target; the id is derived from the center and service.
    public init(doctor: DoctorRef, center: CenterRef, service: ServiceRef) {
        self.id = WatchTarget.id(centerId: center.id, serviceId: service.id)
        self.doctor = doctor
        self.center = center
        self.service = service
    }

    /// The id of the target for a center and service.
    public static func id(centerId: String, serviceId: String) -> String {
        "\(centerId):\(serviceId)"
    }
}

/// A doctor as events name them.
public struct DoctorRef: Sendable, Hashable, Codable {
    /// paziresh24 profile slug (Persian, as in `/dr/<slug>/`).
    public var slug: String
    /// Display name, e.g. `هدیه جباری`.
    public var displayName: String
    /// Specialty title, if known.
    public var specialty: String?
    /// paziresh24 search city slug (`tehran`…), if known: with `specialtySlug` it lets the scraper
    /// probe the doctor through the site's search (optional, added to v1; absent = swept only).
    public var citySlug: String?
    /// paziresh24 search specialty slug (`cardiovascular`…), if known (see `citySlug`).
    public var specialtySlug: String?

    /// Creates a reference.
    public init(slug: String, displayName: String, specialty: String?, citySlug: String? = nil, specialtySlug: String? = nil) {
        self.slug = slug
        self.displayName = displayName
        self.specialty = specialty
        self.citySlug = citySlug
        self.specialtySlug = specialtySlug
    }

    enum CodingKeys: String, CodingKey {
        case slug, specialty
        case displayName = "display_name"
        case citySlug = "city_slug"
        case specialtySlug = "specialty_slug"
    }
}

/// A center as events name it.
public struct CenterRef: Sendable, Hashable, Codable {
    /// paziresh24 center id (`5532` is the online-visit center).
    public var id: String
    /// Center name.
    public var name: String
    /// The doctor's membership id in that center (`user_center_id`), needed to ask for slots.
    public var userCenterId: String
    /// paziresh24 `server_id` (`1` in every recording).
    public var serverId: String
    /// `true` for online visits, `false` for in-person.
    public var isOnline: Bool

    /// Creates a reference.
    public init(id: String, name: String, userCenterId: String, serverId: String = "1", isOnline: Bool) {
        self.id = id
        self.name = name
        self.userCenterId = userCenterId
        self.serverId = serverId
        self.isOnline = isOnline
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case userCenterId = "user_center_id"
        case serverId = "server_id"
        case isOnline = "is_online"
    }
}

/// A bookable service as events name it.
public struct ServiceRef: Sendable, Hashable, Codable {
    /// paziresh24 service id.
    public var id: String
    /// Service title.
    public var name: String
    /// The service's price in **Rial** (`free_price_rial`) from the doctor's full profile when the
    /// bot read it (optional, added to v1; absent = unknown, and nil is never written). For an
    /// online center it is the scraper's `online_price_rial` until a search card says otherwise.
    public var freePriceRial: Int64?

    /// Creates a reference.
    public init(id: String, name: String, freePriceRial: Int64? = nil) {
        self.id = id
        self.name = name
        self.freePriceRial = freePriceRial
    }

    enum CodingKeys: String, CodingKey {
        case id, name
        case freePriceRial = "free_price_rial"
    }
}
