/// What one probe query covers: the watched doctors of one (city, specialty) search route whose
/// targets live in one partition of the watch topic.
///
/// Keying groups by partition gives each group exactly one owner (the replica that owns the
/// partition), so groups move between replicas with their targets and no replica ever probes for
/// another: scaling replicas adds no load on the source.
public struct ProbeGroupKey: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// Partition of the watch topic holding the group's targets.
    public var partition: Int32
    /// paziresh24 search city slug.
    public var city: String
    /// paziresh24 search specialty slug.
    public var specialty: String

    /// Creates a key.
    public init(partition: Int32, city: String, specialty: String) {
        self.partition = partition
        self.city = city
        self.specialty = specialty
    }

    /// The group a target belongs to, or nil when it lacks a city or specialty slug (swept only).
    public init?(_ target: ScrapeTarget, partition: Int32) {
        guard let city = target.doctor.citySlug, !city.isEmpty, let specialty = target.doctor.specialtySlug, !specialty.isEmpty
        else { return nil }
        self.init(partition: partition, city: city, specialty: specialty)
    }

    public static func < (lhs: ProbeGroupKey, rhs: ProbeGroupKey) -> Bool {
        (lhs.partition, lhs.city, lhs.specialty) < (rhs.partition, rhs.city, rhs.specialty)
    }

    public var description: String { "\(partition)/\(city)/\(specialty)" }
}
