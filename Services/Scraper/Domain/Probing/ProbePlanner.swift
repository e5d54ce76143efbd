/// Groups the owned targets into probe queries: one group per (city slug, specialty slug) search
/// route, so one search page covers up to 50 watched doctors of the route. Targets without both
/// slugs are left out (the sweep still polls them).
public enum ProbePlanner {
    /// The groups for `targets` (the targets this replica owns), sorted by key.
    public static func plan(_ targets: [ScrapeTarget]) -> [ProbeGroup] {
        var ids: [ProbeGroupKey: [String]] = [:]
        var slugs: [ProbeGroupKey: Set<String>] = [:]
        for target in targets {
            guard let key = ProbeGroupKey(target) else { continue }
            ids[key, default: []].append(target.id)
            slugs[key, default: []].insert(target.doctor.slug)
        }
        return ids.keys.sorted().map { key in
            ProbeGroup(key: key, targetIds: ids[key, default: []].sorted(), slugs: slugs[key, default: []])
        }
    }
}
