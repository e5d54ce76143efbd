import Foundation

/// One slot of a notice the notifier sent, with what is known of it now: the ledger row, whether a
/// `slot.gone` closed its episode, and the last poll of its target. What a "🔄 still free?" tap
/// is answered from (`SlotFreshness`); read from the shared database, never from paziresh24.
public struct NoticeSlot: Sendable, Equatable {
    /// The watch target.
    public var targetId: String
    /// Slot start.
    public var start: Date
    /// Slot end (the next 00:00 Tehran for a free day known without times).
    public var end: Date
    /// A free day known without times rather than a timed slot.
    public var isDay: Bool
    /// When the scraper saw it free (`notifications.observed_at`).
    public var observedAt: Date
    /// When the scraper noticed it gone (`gone_slots.first_missed_at` of its episode), if it is.
    public var goneAt: Date?
    /// The last poll of the target (`target_checks.checked_at`), successful or not.
    public var lastCheckAt: Date?
    /// The last successful poll of the target (`target_checks.last_success_at`).
    public var lastSuccessAt: Date?

    /// Creates a slot.
    public init(
        targetId: String, start: Date, end: Date, isDay: Bool = false, observedAt: Date, goneAt: Date? = nil,
        lastCheckAt: Date? = nil, lastSuccessAt: Date? = nil
    ) {
        self.targetId = targetId
        self.start = start
        self.end = end
        self.isDay = isDay
        self.observedAt = observedAt
        self.goneAt = goneAt
        self.lastCheckAt = lastCheckAt
        self.lastSuccessAt = lastSuccessAt
    }
}
