/// What the next budget slot of a replica is used for.
public enum ScraperWork: Sendable, Hashable {
    /// A direct poll of a target (`triggered`: a probe saw its earliest free time move).
    case poll(ScrapeTarget, triggered: Bool)
    /// A probe: one search page of a group.
    case probe(ProbeQuery)
}
