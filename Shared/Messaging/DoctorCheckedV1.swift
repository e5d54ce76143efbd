import Foundation

/// `doctor.checked` v1 (scraper, topic `smartwhale.data.checks`, key = target id): the outcome of
/// one poll of a target.
public struct DoctorCheckedV1: MessagePayload {
    public static let schema = "doctor.checked"
    public static let version = 1

    /// Poll outcome.
    public enum Outcome: String, Sendable, Codable {
        /// The poll succeeded and listed at least one free slot.
        case ok
        /// The poll succeeded and there was no free slot (status 32 included).
        case noSlots = "no_slots"
        /// The poll failed; see `errorKind`.
        case error
    }

    /// The watch target id.
    public var targetId: String
    /// The doctor's slug.
    public var doctorSlug: String
    /// Outcome.
    public var outcome: Outcome
    /// For `error`: `timeout`, `http_5xx`, `rate_limited`, `booking_disabled`, `refused`, `circuit_open`, …
    public var errorKind: String?
    /// Free slots listed by this poll (0 on error).
    public var freeSlotCount: Int
    /// Slots this poll announced as new.
    public var newSlotCount: Int
    /// Earliest free slots (at most 20), so `/status` can show what is free now.
    public var earliestSlots: [Date]?
    /// How long the poll took, in milliseconds.
    public var durationMs: Int
    /// When the poll finished.
    public var checkedAt: Date
    /// Id of the poll (matches `slot.found.poll_id`).
    public var pollId: UUID

    /// Creates the payload.
    public init(
        targetId: String, doctorSlug: String, outcome: Outcome, errorKind: String?, freeSlotCount: Int,
        newSlotCount: Int, earliestSlots: [Date]?, durationMs: Int, checkedAt: Date, pollId: UUID
    ) {
        self.targetId = targetId
        self.doctorSlug = doctorSlug
        self.outcome = outcome
        self.errorKind = errorKind
        self.freeSlotCount = freeSlotCount
        self.newSlotCount = newSlotCount
        self.earliestSlots = earliestSlots
        self.durationMs = durationMs
        self.checkedAt = checkedAt
        self.pollId = pollId
    }

    enum CodingKeys: String, CodingKey {
        case outcome
        case targetId = "target_id"
        case doctorSlug = "doctor_slug"
        case errorKind = "error_kind"
        case freeSlotCount = "free_slot_count"
        case newSlotCount = "new_slot_count"
        case earliestSlots = "earliest_slots"
        case durationMs = "duration_ms"
        case checkedAt = "checked_at"
        case pollId = "poll_id"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(targetId, forKey: .targetId)
        try container.encode(doctorSlug, forKey: .doctorSlug)
        try container.encode(outcome, forKey: .outcome)
        try container.encodeIfPresent(errorKind, forKey: .errorKind)
        try container.encode(freeSlotCount, forKey: .freeSlotCount)
        try container.encode(newSlotCount, forKey: .newSlotCount)
        try container.encodeIfPresent(earliestSlots, forKey: .earliestSlots)
        try container.encode(durationMs, forKey: .durationMs)
        try container.encode(checkedAt, forKey: .checkedAt)
        try container.encodeLowercased(pollId, forKey: .pollId)
    }
}
