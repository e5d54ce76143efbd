import Foundation

/// A free slot that the previous successful poll of its target did not list: what `slot.found`
/// announces.
public struct DiscoveredSlot: Sendable, Hashable {
    /// The target the slot belongs to.
    public var target: ScrapeTarget
    /// The slot.
    public var slot: FreeSlot
    /// Where a person books it.
    public var bookingURL: String
    /// When the poll read it.
    public var observedAt: Date
    /// The poll that found it (every event of one poll shares it).
    public var pollId: UUID
    /// The episode this appearance of the slot opens (fixed by the poll that first listed it).
    public var episode: UUID
    /// The online-visit price in Rial from the latest search card of the doctor (nil: unknown, or
    /// the target's center is not online).
    public var onlinePriceRial: Int64?

    /// Creates a discovered slot.
    public init(
        target: ScrapeTarget, slot: FreeSlot, bookingURL: String, observedAt: Date, pollId: UUID, episode: UUID,
        onlinePriceRial: Int64? = nil
    ) {
        self.target = target
        self.slot = slot
        self.bookingURL = bookingURL
        self.observedAt = observedAt
        self.pollId = pollId
        self.episode = episode
        self.onlinePriceRial = onlinePriceRial
    }
}
