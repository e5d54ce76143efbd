import Foundation

/// What one search page says about the doctors on it: each doctor's earliest free time per
/// center, and the online-visit price the card shows. Search data may lag behind the calendars; it only ever *triggers* a direct poll.
public struct ProbePage: Sendable, Hashable {
    /// One doctor card.
    public struct Doctor: Sendable, Hashable {
        /// Center id → the earliest free time the card shows for it (nil: none). A center that is
        /// not a key was not on the card (nothing observed).
        public var earliest: [String: Date?]
        /// The online-visit price in Rial the card shows (nil: none shown).
        public var onlinePriceRial: Int64?

        /// Creates a card.
        public init(earliest: [String: Date?], onlinePriceRial: Int64? = nil) {
            self.earliest = earliest
            self.onlinePriceRial = onlinePriceRial
        }
    }

    /// Doctor slug → card.
    public var doctors: [String: Doctor]
    /// Whether a later page has more cards.
    public var hasMore: Bool

    /// Creates a page.
    public init(doctors: [String: Doctor], hasMore: Bool) {
        self.doctors = doctors
        self.hasMore = hasMore
    }
}
