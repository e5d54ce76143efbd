/// What claiming a batch's notices in the ledger decided.
public struct ClaimResult: Sendable, Equatable {
    /// Notices to send now (only with the slots that still need sending).
    public var toSend: [Notice]
    /// Notices recorded as suppressed by the rate limit.
    public var suppressed: [Notice]

    /// Creates a result.
    public init(toSend: [Notice], suppressed: [Notice]) {
        self.toSend = toSend
        self.suppressed = suppressed
    }
}
