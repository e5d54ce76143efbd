/// What happened during a `ServiceGroup` run, returned by `ServiceGroup.run()`.
public struct ServiceGroupReport: Sendable, Hashable {
    /// What started the shutdown.
    public var reason: ShutdownReason
    /// Services that ended, in the order they ended.
    public var stopped: [String]
    /// Services still running when the grace period ran out (abandoned, in registration order).
    public var unfinished: [String]
    /// Whether every service ended within the grace period.
    public var completedInTime: Bool { unfinished.isEmpty }
}
