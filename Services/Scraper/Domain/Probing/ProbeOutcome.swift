/// What one probe page changed.
public struct ProbeOutcome: Sendable, Hashable {
    /// Targets whose direct poll was triggered.
    public var triggered: [String]
    /// Targets observed on the page.
    public var observed: Int
    /// Observations ignored because their time was already past (lagging search data).
    public var stale: Int

    /// Creates an outcome.
    public init(triggered: [String] = [], observed: Int = 0, stale: Int = 0) {
        self.triggered = triggered
        self.observed = observed
        self.stale = stale
    }
}
