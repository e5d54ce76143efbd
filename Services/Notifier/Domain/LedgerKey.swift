import Foundation

/// One ledger row's key — at most one notice per user, target, slot start and episode — with slot
/// starts compared at millisecond precision (PostgreSQL keeps microseconds; the wire carries
/// milliseconds). A slot that comes back (a new episode) is a new key, and so a new notice.
public struct LedgerKey: Sendable, Hashable, Comparable {
    /// Telegram chat id.
    public var chatId: Int64
    /// Watch target id.
    public var targetId: String
    /// Slot start, milliseconds since 1970.
    public var startMilliseconds: Int64
    /// The slot's episode (`SlotPeriod.legacyEpisode` for a `slot.found` without one).
    public var episode: UUID

    /// Creates the key of a slot of a notice.
    public init(chatId: Int64, targetId: String, start: Date, episode: UUID = SlotPeriod.legacyEpisode) {
        self.init(chatId: chatId, targetId: targetId, startMilliseconds: Self.milliseconds(start), episode: episode)
    }

    /// Creates a key from its stored columns.
    public init(chatId: Int64, targetId: String, startMilliseconds: Int64, episode: UUID = SlotPeriod.legacyEpisode) {
        self.chatId = chatId
        self.targetId = targetId
        self.startMilliseconds = startMilliseconds
        self.episode = episode
    }

    /// The key of `slot` in a notice to `chatId` about `targetId`.
    public init(chatId: Int64, targetId: String, slot: SlotPeriod) {
        self.init(chatId: chatId, targetId: targetId, start: slot.start, episode: slot.episode)
    }

    /// The keys of every slot of `notice`, in slot order.
    public static func keys(of notice: Notice) -> [LedgerKey] {
        notice.slots.map { LedgerKey(chatId: notice.chatId, targetId: notice.targetId, slot: $0) }
    }

    /// The slot episode this row is about.
    public var episodeKey: SlotEpisodeKey { SlotEpisodeKey(targetId: targetId, startMilliseconds: startMilliseconds, episode: episode) }

    /// Milliseconds since 1970, the precision of the wire (and of what the ledger stores).
    public static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public static func < (lhs: LedgerKey, rhs: LedgerKey) -> Bool {
        (lhs.chatId, lhs.targetId, lhs.startMilliseconds, lhs.episode.uuidString) < (
            rhs.chatId, rhs.targetId, rhs.startMilliseconds, rhs.episode.uuidString
        )
    }
}
