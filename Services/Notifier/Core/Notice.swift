import Foundation
import Localization
import Messaging

/// One message to one user about one doctor's target: the slots it lists, earliest first.
public struct Notice: Sendable, Hashable {
    /// Telegram chat id.
    public var chatId: Int64
    /// The user's language.
    public var language: Language
    /// Watch target id.
    public var targetId: String
    /// The doctor.
    public var doctor: DoctorRef
    /// The center.
    public var center: CenterRef
    /// Booking page of the doctor.
    public var bookingURL: String
    /// Slot starts and ends, earliest first.
    public var slots: [SlotTime]
    /// Earliest `observed_at` of the slots (start of the latency clock).
    public var observedAt: Date

    /// Creates a notice.
    public init(
        chatId: Int64, language: Language, targetId: String, doctor: DoctorRef, center: CenterRef, bookingURL: String,
        slots: [SlotTime], observedAt: Date
    ) {
        self.chatId = chatId
        self.language = language
        self.targetId = targetId
        self.doctor = doctor
        self.center = center
        self.bookingURL = bookingURL
        self.slots = slots.sorted { $0.start < $1.start }
        self.observedAt = observedAt
    }

    /// The idempotency keys of the notice: one per (user, target, slot start).
    public var keys: [NoticeKey] { slots.map { NoticeKey(chatId: chatId, targetId: targetId, slotStart: $0.start) } }
}

/// The idempotency key of delivery: at most one notice per user and slot, ever.
public struct NoticeKey: Sendable, Hashable {
    /// Telegram chat id.
    public var chatId: Int64
    /// Watch target id.
    public var targetId: String
    /// Slot start.
    public var slotStart: Date

    /// Creates a key.
    public init(chatId: Int64, targetId: String, slotStart: Date) {
        self.chatId = chatId
        self.targetId = targetId
        self.slotStart = slotStart
    }
}
