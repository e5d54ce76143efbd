import Foundation

/// The outcome of one poll of a target: what `doctor.checked` reports.
public struct CheckReport: Sendable, Hashable {
    /// The target polled.
    public var targetId: String
    /// Its doctor's slug.
    public var doctorSlug: String
    /// How the poll went.
    public var outcome: PollOutcome
    /// For errors: the error kind label (`timeout`, `rate_limited`, …).
    public var errorKind: String?
    /// Free slots listed.
    public var freeSlotCount: Int
    /// Slots announced as new.
    public var newSlotCount: Int
    /// The earliest free slot starts (at most 20), nil when the poll failed.
    public var earliestSlots: [Date]?
    /// How long the poll took (reading and announcing).
    public var duration: Duration
    /// When the poll ended.
    public var checkedAt: Date
    /// The poll.
    public var pollId: UUID

    /// Creates a report.
    public init(
        targetId: String, doctorSlug: String, outcome: PollOutcome, errorKind: String?, freeSlotCount: Int, newSlotCount: Int,
        earliestSlots: [Date]?, duration: Duration, checkedAt: Date, pollId: UUID
    ) {
        self.targetId = targetId
        self.doctorSlug = doctorSlug
        self.outcome = outcome
        self.errorKind = errorKind
        self.freeSlotCount = freeSlotCount
        self.newSlotCount = newSlotCount
        self.earliestSlots = earliestSlots
        self.duration = duration
        self.checkedAt = checkedAt
        self.pollId = pollId
    }
}
