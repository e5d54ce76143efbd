import ScraperDomain
import Testing

@Suite("TargetRegistry")
struct TargetRegistryTests {
    func target(_ center: String, _ service: String) -> ScrapeTarget {
        ScrapeTarget(
            doctor: .init(slug: "dr-\(center)", displayName: "D"),
            center: .init(id: center, name: "C", userCenterId: "u", isOnline: center == "5532"),
            service: .init(id: service, name: "S"))
    }

    @Test("the latest change per target wins; cancelled removes; revoke drops the partition's targets")
    func compactionSemantics() {
        var registry = TargetRegistry()
        registry.assign([0, 1])
        let first = registry.apply(requested: target("a", "1"), partition: 0)
        let repeated = registry.apply(requested: target("a", "1"), partition: 0)
        let other = registry.apply(requested: target("b", "1"), partition: 1)
        #expect(first && !repeated && other, "a repeat is not new")
        #expect(registry.count == 2)
        let cancelled = registry.apply(cancelled: "a:1", partition: 0)
        #expect(cancelled)
        #expect(registry.target(id: "a:1") == nil)
        let again = registry.apply(requested: target("a", "1"), partition: 0)
        #expect(again, "requested again after cancel")
        let dropped = registry.revoke([0])
        #expect(dropped == ["a:1"])
        #expect(registry.targets.map(\.id) == ["b:1"])
        #expect(registry.assignedPartitions == [1])
    }

    @Test("changes from partitions not assigned here are ignored")
    func unassigned() {
        var registry = TargetRegistry()
        registry.assign([2])
        let applied = registry.apply(requested: target("a", "1"), partition: 3)
        #expect(!applied)
        #expect(registry.count == 0)
    }
}
