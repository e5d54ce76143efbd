/// What the ledger said about one slot of a notice when the notice was claimed. A slot already
/// `sent`, `suppressed` or `failed` is settled and has no state here: it is dropped.
public enum LedgerSlotState: Sendable, Hashable {
    /// Never seen before: inserted `pending` now; its notice must pay a token.
    case fresh
    /// Left `pending` by a crash between sending and recording: claimed again, already paid.
    case reclaimed
}
