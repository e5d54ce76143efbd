/// One probe group: a search route and the watched targets its pages are read for.
public struct ProbeGroup: Sendable, Hashable {
    /// The group's key (partition, city, specialty).
    public var key: ProbeGroupKey
    /// Ids of the targets covered, sorted.
    public var targetIds: [String]
    /// Slugs of the watched doctors covered (paging stops once every one was seen).
    public var slugs: Set<String>

    /// Creates a group.
    public init(key: ProbeGroupKey, targetIds: [String], slugs: Set<String>) {
        self.key = key
        self.targetIds = targetIds
        self.slugs = slugs
    }
}
