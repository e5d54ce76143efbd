/// A slot a user did not hear about because of the per-user limit (`suppressed`, `rate_limited`),
/// or one already offered again and not yet recorded sent (a crash in between), as the ledger
/// returns it when a notice to the same user and target is about to go.
public struct HeldBackSlot: Sendable, Hashable {
    /// Its ledger row.
    public var key: LedgerKey
    /// The slot (end and granularity as stored).
    public var slot: SlotPeriod
    /// Whether a `slot.gone` closed its episode since.
    public var isGone: Bool

    /// Creates a held-back slot.
    public init(key: LedgerKey, slot: SlotPeriod, isGone: Bool) {
        self.key = key
        self.slot = slot
        self.isGone = isGone
    }
}
