import Foundation

/// A doctor resolved from the full-profile endpoint: who, and where slots can be watched.
public struct DoctorProfile: Sendable, Hashable, Codable {
    /// paziresh24 doctor id (a UUID).
    public var id: String
    /// Profile slug as the site spells it (Persian, not percent-encoded).
    public var slug: String
    /// `display_name`, or name and family joined.
    public var displayName: String
    /// `expertises[0].alias_title`, e.g. `متخصص بیماریهای قلب و عروق`.
    public var specialty: String?
    /// The `image` path as sent (relative to the site, e.g. `/getImage/p24/…`).
    public var imageURL: String?
    /// Every center, the online-visit center `5532` included.
    public var centers: [DoctorCenter]
    /// The search route's city slug (`city_en_slug`, e.g. `tehran`), if the profile has one.
    public var citySlug: String?
    /// The search route's specialty slug (`group_expertises[0].en_slug`, e.g. `cardiovascular`).
    public var specialtySlug: String?

    /// Creates a profile.
    public init(
        id: String, slug: String, displayName: String, specialty: String?, imageURL: String?, centers: [DoctorCenter],
        citySlug: String? = nil, specialtySlug: String? = nil
    ) {
        self.citySlug = citySlug
        self.specialtySlug = specialtySlug
        self.id = id
        self.slug = slug
        self.displayName = displayName
        self.specialty = specialty
        self.imageURL = imageURL
        self.centers = centers
    }

    /// The public profile page where people book: `https://www.paziresh24.com/dr/<slug>/`.
    public var bookingURL: URL { DoctorSlug.profileURL(for: slug) }

    /// Every (center, bookable service) pair, in profile order.
    public var bookableTargets: [DoctorTarget] {
        centers.flatMap { center in
            center.bookableServices.map { DoctorTarget(doctorSlug: slug, center: center, service: $0) }
        }
    }
}
