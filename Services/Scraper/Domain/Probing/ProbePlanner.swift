/// Groups the owned targets into probe queries: one group per (partition, city slug, specialty
/// slug), so one search page covers up to 50 watched doctors of a route. Targets without both
/// slugs are left out (the sweep still polls them).
public enum ProbePlanner {
    /// The groups for `targets` (each with the partition it was read from), sorted by key.
    public static func plan(_ targets: [(target: ScrapeTarget, partition: Int32)]) -> [ProbeGroup] {
        var ids: [ProbeGroupKey: [String]] = [:]
        var slugs: [ProbeGroupKey: Set<String>] = [:]
        for (target, partition) in targets {
            guard let key = ProbeGroupKey(target, partition: partition) else { continue }
            ids[key, default: []].append(target.id)
            slugs[key, default: []].insert(target.doctor.slug)
        }
        return ids.keys.sorted().map { key in
            ProbeGroup(key: key, targetIds: ids[key, default: []].sorted(), slugs: slugs[key, default: []])
        }
    }
}
