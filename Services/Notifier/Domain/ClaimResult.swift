/// What claiming a batch's notices in the ledger decided.
public struct ClaimResult: Sendable, Equatable {
    /// Notices to send now (only with the slots that still need sending, plus any held-back slots
    /// offered again as "still free").
    public var toSend: [Notice]
    /// Notices recorded as suppressed by the rate limit (held back: offered later, once).
    public var suppressed: [Notice]
    /// Notices reduced to the slots withdrawn at the claim (their episode was already gone).
    public var withdrawn: [Notice]
    /// Notices reduced to held-back slots that expired before they could be offered.
    public var expired: [Notice]

    /// Creates a result.
    public init(toSend: [Notice], suppressed: [Notice], withdrawn: [Notice] = [], expired: [Notice] = []) {
        self.toSend = toSend
        self.suppressed = suppressed
        self.withdrawn = withdrawn
        self.expired = expired
    }

    /// Slots (one per user and slot) withdrawn at the claim.
    public var withdrawnSlots: Int { withdrawn.reduce(0) { $0 + $1.slots.count } }
    /// Slots (one per user and slot) expired at the claim.
    public var expiredSlots: Int { expired.reduce(0) { $0 + $1.slots.count } }
}
