import BotDomain
import Foundation

/// `NoticeSlotStore` in memory, behaving as `PostgresNoticeSlots` does on the shared database (the
/// contract suite runs both). The rows the notifier would write (ledger rows, gone episodes) are
/// seeded by tests; checks come in through `CheckStore`, as the bot's `CheckRecorder` writes them.
public actor InMemoryNoticeSlots: NoticeSlotStore, CheckStore {
    /// One ledger row, as the notifier keeps it.
    public struct Row: Sendable, Equatable {
        /// The chat told.
        public var chatId: Int64
        /// The target.
        public var targetId: String
        /// Slot start.
        public var start: Date
        /// Slot end.
        public var end: Date
        /// A free day known without times.
        public var isDay: Bool
        /// The episode.
        public var episode: UUID
        /// When the scraper saw it.
        public var observedAt: Date
        /// The message it went out in (nil: not recorded sent yet, i.e. pending).
        public var messageId: Int64?

        /// Creates a row.
        public init(
            chatId: Int64, targetId: String, start: Date, end: Date, isDay: Bool = false, episode: UUID, observedAt: Date,
            messageId: Int64?
        ) {
            self.chatId = chatId
            self.targetId = targetId
            self.start = start
            self.end = end
            self.isDay = isDay
            self.episode = episode
            self.observedAt = observedAt
            self.messageId = messageId
        }
    }

    private struct EpisodeKey: Hashable {
        var targetId: String
        var start: Date
        var episode: UUID
    }

    private var rows: [Row] = []
    private var gone: [EpisodeKey: Date] = [:]
    private var checks: [String: (checkedAt: Date, lastSuccessAt: Date?)] = [:]
    private let knownTargets: (@Sendable (String) -> Bool)?

    /// An empty ledger. `knownTargets` (nil: all) drops checks of targets the bot does not know,
    /// as `target_checks`' foreign key does.
    public init(knownTargets: (@Sendable (String) -> Bool)? = nil) {
        self.knownTargets = knownTargets
    }

    /// Records a ledger row (the notifier's claim, and its `sent` record when `messageId` is set).
    public func record(_ row: Row) {
        rows.append(row)
    }

    /// Records a `slot.gone` episode.
    public func recordGone(targetId: String, start: Date, episode: UUID, firstMissedAt: Date) {
        let key = EpisodeKey(targetId: targetId, start: start, episode: episode)
        if gone[key] == nil { gone[key] = firstMissedAt }
    }

    public func recordCheck(_ check: TargetCheck) {
        if let knownTargets, !knownTargets(check.targetId) { return }
        let previous = checks[check.targetId]
        if let previous, previous.checkedAt > check.checkedAt { return }
        let success = check.outcome != .error ? check.checkedAt : nil
        checks[check.targetId] = (check.checkedAt, success ?? previous?.lastSuccessAt)
    }

    public func noticeSlots(chatId: Int64, messageId: Int64?, firstSlotStart: Date) -> [NoticeSlot] {
        var chosen: [Row] = []
        if let messageId, messageId != 0 { chosen = rows.filter { $0.chatId == chatId && $0.messageId == messageId } }
        if chosen.isEmpty { chosen = rows.filter { $0.chatId == chatId && $0.start == firstSlotStart } }
        return chosen.sorted { ($0.start, $0.targetId) < ($1.start, $1.targetId) }.map { row in
            let check = checks[row.targetId]
            return NoticeSlot(
                targetId: row.targetId, start: row.start, end: row.end, isDay: row.isDay, observedAt: row.observedAt,
                goneAt: gone[EpisodeKey(targetId: row.targetId, start: row.start, episode: row.episode)],
                lastCheckAt: check?.checkedAt, lastSuccessAt: check?.lastSuccessAt)
        }
    }
}
