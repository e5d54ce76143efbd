import Foundation

/// A synthetic doctor for scenario mode (`POST /control/doctors`).
///
/// JSON (snake_case): `{"slug", "id"?, "name"?, "family"?, "display_name"?, "specialty"?, "image"?,
/// "city_slug"? ("tehran"), "specialty_slug"? ("cardiovascular"), "centers": [{"id", "name"?, "user_center_id", "server_id"? (1), "city"?, "address"?,
/// "services": [{"id", "name"?, "can_booking"? (1), "duration"? ("00:10:00")}]}]}`.
/// The stand-in answers full-profile and the search for it in the recorded shapes. `city_slug` and
/// `specialty_slug` place it in the search (`/seapi/v1/search/{city}/{specialty}`); their defaults
/// are the slugs `search_consult.json` was recorded for, so a plain doctor shows up there.
public struct Paziresh24StandInDoctor: Sendable, Hashable, Codable {
    /// A center of the doctor.
    public struct Center: Sendable, Hashable, Codable {
        /// Center id (`5532` makes it an online-visit center).
        public var id: String
        /// Center name.
        public var name: String?
        /// The doctor's membership id; getFreeDays must send it as `user_center_id`.
        public var userCenterId: String
        /// `server_id` (default 1).
        public var serverId: Int?
        /// City.
        public var city: String?
        /// Address.
        public var address: String?
        /// Services.
        public var services: [Service]

        /// Creates a center.
        public init(
            id: String, name: String? = nil, userCenterId: String, serverId: Int? = nil, city: String? = nil,
            address: String? = nil, services: [Service]
        ) {
            self.id = id
            self.name = name
            self.userCenterId = userCenterId
            self.serverId = serverId
            self.city = city
            self.address = address
            self.services = services
        }

        enum CodingKeys: String, CodingKey {
            case id, name, city, address, services
            case userCenterId = "user_center_id"
            case serverId = "server_id"
        }

        /// Accepts `server_id` as a number or a numeric string.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.paziresh24LenientString(.id)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            userCenterId = try container.paziresh24LenientString(.userCenterId)
            serverId = try container.paziresh24LenientIntIfPresent(.serverId)
            city = try container.decodeIfPresent(String.self, forKey: .city)
            address = try container.decodeIfPresent(String.self, forKey: .address)
            services = try container.decodeIfPresent([Service].self, forKey: .services) ?? []
        }
    }

    /// A service at a center.
    public struct Service: Sendable, Hashable, Codable {
        /// Service id.
        public var id: String
        /// `alias_title`.
        public var name: String?
        /// `can_booking` (default 1): only bookable services are watched.
        public var canBooking: Int?
        /// `duration` as `HH:MM:SS` (default `00:10:00`); also the default slot length.
        public var duration: String?

        /// Creates a service.
        public init(id: String, name: String? = nil, canBooking: Int? = nil, duration: String? = nil) {
            self.id = id
            self.name = name
            self.canBooking = canBooking
            self.duration = duration
        }

        enum CodingKeys: String, CodingKey {
            case id, name, duration
            case canBooking = "can_booking"
        }

        /// Accepts `can_booking` as 0/1 or a bool.
        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            id = try container.paziresh24LenientString(.id)
            name = try container.decodeIfPresent(String.self, forKey: .name)
            canBooking = try container.paziresh24LenientIntIfPresent(.canBooking)
            duration = try container.decodeIfPresent(String.self, forKey: .duration)
        }

        /// Slot length in seconds from `duration` (default 600).
        var durationSeconds: Int {
            let parts = (duration ?? "").split(separator: ":").compactMap { Int($0) }
            guard parts.count >= 2 else { return 600 }
            let seconds = parts[0] * 3600 + parts[1] * 60 + (parts.count > 2 ? parts[2] : 0)
            return seconds > 0 ? seconds : 600
        }
    }

    /// Profile slug (as in `/dr/<slug>/`).
    public var slug: String
    /// Doctor id (default: a new UUID).
    public var id: String?
    /// First name.
    public var name: String?
    /// Family name.
    public var family: String?
    /// `display_name` (default: name and family, else the slug).
    public var displayName: String?
    /// `expertises[0].alias_title`.
    public var specialty: String?
    /// `image` path.
    public var image: String?
    /// Centers, each with services.
    public var centers: [Center]
    /// The search's city slug (default `defaultCitySlug`); `ir` searches match every city.
    public var citySlug: String?
    /// The search's specialty slug (default `defaultSpecialtySlug`).
    public var specialtySlug: String?

    /// The city slug `search_consult.json` was recorded for.
    public static let defaultCitySlug = "tehran"
    /// The specialty slug `search_consult.json` was recorded for.
    public static let defaultSpecialtySlug = "cardiovascular"

    /// Creates a doctor.
    public init(
        slug: String, id: String? = nil, name: String? = nil, family: String? = nil, displayName: String? = nil,
        specialty: String? = nil, image: String? = nil, centers: [Center], citySlug: String? = nil,
        specialtySlug: String? = nil
    ) {
        self.slug = slug
        self.id = id
        self.name = name
        self.family = family
        self.displayName = displayName
        self.specialty = specialty
        self.image = image
        self.centers = centers
        self.citySlug = citySlug
        self.specialtySlug = specialtySlug
    }

    /// `citySlug` or its default.
    public var searchCity: String { citySlug ?? Self.defaultCitySlug }
    /// `specialtySlug` or its default.
    public var searchSpecialty: String { specialtySlug ?? Self.defaultSpecialtySlug }

    enum CodingKeys: String, CodingKey {
        case slug, id, name, family, specialty, image, centers
        case displayName = "display_name"
        case citySlug = "city_slug"
        case specialtySlug = "specialty_slug"
    }
}

extension KeyedDecodingContainer {
    /// A string that may have been sent as a number.
    func paziresh24LenientString(_ key: Key) throws -> String {
        if let number = try? decode(Int.self, forKey: key) { return String(number) }
        return try decode(String.self, forKey: key)
    }

    /// An optional int that may have been sent as a numeric string or a bool.
    func paziresh24LenientIntIfPresent(_ key: Key) throws -> Int? {
        guard contains(key), try !decodeNil(forKey: key) else { return nil }
        if let number = try? decode(Int.self, forKey: key) { return number }
        if let flag = try? decode(Bool.self, forKey: key) { return flag ? 1 : 0 }
        let text = try decode(String.self, forKey: key)
        guard let number = Int(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "not an integer: \(text)")
        }
        return number
    }
}
