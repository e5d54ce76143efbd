/// How the scraper's last poll of a target ended, as `/status` shows it.
public enum CheckOutcome: String, Sendable, Equatable, CaseIterable {
    /// Free slots were found.
    case ok
    /// The poll worked and found nothing free.
    case noSlots = "no_slots"
    /// The poll failed.
    case error
}
