import Foundation
import Localization

/// One message to one user about one doctor's target: the slots it lists, earliest first.
public struct Notice: Sendable, Hashable {
    /// Telegram chat id.
    public var chatId: Int64
    /// The user's language.
    public var language: Language
    /// Watch target id.
    public var targetId: String
    /// The doctor.
    public var doctor: Doctor
    /// The center.
    public var center: Center
    /// Booking page of the doctor.
    public var bookingURL: String
    /// Slot starts and ends, earliest first.
    public var slots: [SlotPeriod]
    /// Earliest `observed_at` of the slots (start of the latency clock; the "found" time the
    /// message shows).
    public var observedAt: Date
    /// The online-visit price in Rial, from the latest-observed slot that carried one (nil: unknown).
    public var onlinePriceRial: Int64?

    /// Creates a notice.
    public init(
        chatId: Int64, language: Language, targetId: String, doctor: Doctor, center: Center, bookingURL: String,
        slots: [SlotPeriod], observedAt: Date, onlinePriceRial: Int64? = nil
    ) {
        self.chatId = chatId
        self.language = language
        self.targetId = targetId
        self.doctor = doctor
        self.center = center
        self.bookingURL = bookingURL
        self.slots = slots.sorted { $0.start < $1.start }
        self.observedAt = observedAt
        self.onlinePriceRial = onlinePriceRial
    }
}
