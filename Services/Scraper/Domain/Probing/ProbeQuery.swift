/// One probe request: a page of a group's search route.
public struct ProbeQuery: Sendable, Hashable {
    /// The group probed.
    public var group: ProbeGroupKey
    /// 1-based page.
    public var page: Int

    /// Creates a query.
    public init(group: ProbeGroupKey, page: Int) {
        self.group = group
        self.page = page
    }
}
