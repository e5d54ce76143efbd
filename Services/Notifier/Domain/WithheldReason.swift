/// Why a claimed slot was not sent, decided by the notifier itself rather than by Telegram.
public enum WithheldReason: String, Sendable, Hashable {
    /// A `slot.gone` closed its episode before the notice went (the ledger status `withdrawn`).
    case withdrawn
    /// Observed too long ago, or no longer bookable (the ledger status `expired`).
    case expired
}
