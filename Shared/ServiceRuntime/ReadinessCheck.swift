/// One named condition `/readyz` reports, e.g. "kafka broker reachable".
public struct ReadinessCheck: Sendable {
    /// Name shown in the `/readyz` body.
    public var name: String
    /// Returns whether the dependency is usable; should finish well within the health server's check timeout.
    public var check: @Sendable () async -> Bool

    /// Creates a check.
    public init(name: String, check: @escaping @Sendable () async -> Bool) {
        self.name = name
        self.check = check
    }
}
