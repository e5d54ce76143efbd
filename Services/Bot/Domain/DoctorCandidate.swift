import Foundation

/// A doctor found by a name search, as the bot offers it on a button.
public struct DoctorCandidate: Sendable, Equatable {
    /// The profile slug (what `/subscribe <slug>` resolves).
    public var slug: String
    /// The name as the site shows it (without the title).
    public var name: String
    /// The specialty as the site shows it.
    public var specialty: String?
    /// The city of the doctor's office, if any.
    public var city: String?
    /// The earliest free time the search listed, at any center or online.
    public var earliestFreeTurn: Date?

    /// Creates a candidate.
    public init(slug: String, name: String, specialty: String? = nil, city: String? = nil, earliestFreeTurn: Date? = nil) {
        self.slug = slug
        self.name = name
        self.specialty = specialty
        self.city = city
        self.earliestFreeTurn = earliestFreeTurn
    }
}
