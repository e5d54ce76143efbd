import Foundation

/// The outcome of one poll of a target, as the bot keeps it for `/status` (the domain's view of a
/// `doctor.checked` event; the Kafka adapter maps the wire type onto it).
public struct TargetCheck: Sendable, Equatable {
    /// The polled target.
    public var targetId: String
    /// When the poll ran.
    public var checkedAt: Date
    /// How it ended.
    public var outcome: CheckOutcome
    /// The failure's kind when `outcome` is `.error`.
    public var errorKind: String?
    /// Free slots found.
    public var freeSlotCount: Int
    /// The earliest free slots (a few, not all).
    public var earliestSlots: [Date]
    /// How long the poll took.
    public var durationMs: Int

    /// Creates a check.
    public init(
        targetId: String, checkedAt: Date, outcome: CheckOutcome, errorKind: String? = nil, freeSlotCount: Int,
        earliestSlots: [Date], durationMs: Int
    ) {
        self.targetId = targetId
        self.checkedAt = checkedAt
        self.outcome = outcome
        self.errorKind = errorKind
        self.freeSlotCount = freeSlotCount
        self.earliestSlots = earliestSlots
        self.durationMs = durationMs
    }
}
