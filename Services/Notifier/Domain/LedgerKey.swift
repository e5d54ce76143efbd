import Foundation

/// One ledger row's key — at most one notice per user, target and slot start, ever — with slot
/// starts compared at millisecond precision (PostgreSQL keeps microseconds; the wire carries
/// milliseconds).
public struct LedgerKey: Sendable, Hashable, Comparable {
    /// Telegram chat id.
    public var chatId: Int64
    /// Watch target id.
    public var targetId: String
    /// Slot start, milliseconds since 1970.
    public var startMilliseconds: Int64

    /// Creates the key of a slot of a notice.
    public init(chatId: Int64, targetId: String, start: Date) {
        self.init(chatId: chatId, targetId: targetId, startMilliseconds: Self.milliseconds(start))
    }

    /// Creates a key from its stored columns.
    public init(chatId: Int64, targetId: String, startMilliseconds: Int64) {
        self.chatId = chatId
        self.targetId = targetId
        self.startMilliseconds = startMilliseconds
    }

    /// The keys of every slot of `notice`, in slot order.
    public static func keys(of notice: Notice) -> [LedgerKey] {
        notice.slots.map { LedgerKey(chatId: notice.chatId, targetId: notice.targetId, start: $0.start) }
    }

    /// Milliseconds since 1970, the precision of the wire (and of what the ledger stores).
    public static func milliseconds(_ date: Date) -> Int64 { Int64((date.timeIntervalSince1970 * 1000).rounded()) }

    public static func < (lhs: LedgerKey, rhs: LedgerKey) -> Bool {
        (lhs.chatId, lhs.targetId, lhs.startMilliseconds) < (rhs.chatId, rhs.targetId, rhs.startMilliseconds)
    }
}
