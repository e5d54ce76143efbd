/// What one probe query covers: the watched doctors of one (city, specialty) search route among
/// the targets this replica owns.
///
/// A replica's groups are built from the targets of the partitions Kafka assigned to it, so a
/// group is owned by the replica that owns its targets and moves with them on a rebalance; no
/// cross-replica coordination is needed. Two replicas may each probe the same route for their own
/// targets: every request still comes out of the replica's share of the one fleet budget, so
/// scaling replicas adds no load on the source (it only spreads a route's doctors thinner).
public struct ProbeGroupKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// paziresh24 search city slug.
    public var city: String
    /// paziresh24 search specialty slug.
    public var specialty: String

    /// Creates a key.
    public init(city: String, specialty: String) {
        self.city = city
        self.specialty = specialty
    }

    /// The group a target belongs to, or nil when it lacks a city or specialty slug (swept only).
    public init?(_ target: ScrapeTarget) {
        guard let city = target.doctor.citySlug, !city.isEmpty, let specialty = target.doctor.specialtySlug, !specialty.isEmpty
        else { return nil }
        self.init(city: city, specialty: specialty)
    }

    public static func < (lhs: ProbeGroupKey, rhs: ProbeGroupKey) -> Bool {
        (lhs.city, lhs.specialty) < (rhs.city, rhs.specialty)
    }

    public var description: String { "\(city)/\(specialty)" }
}
