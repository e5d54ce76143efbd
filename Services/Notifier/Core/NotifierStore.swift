import Foundation

/// The notifier's persistence port: subscriptions, the delivery ledger and rate-limit state.
///
/// Implemented by `PostgresNotifierStore` (shared by every replica).
public protocol NotifierStore: Sendable {
    /// Active subscriptions of active users to any of the targets (one query for a whole batch).
    func subscribers(forTargets targetIds: [String]) async throws -> [Subscriber]

    /// Records the notices in the ledger, in one transaction:
    /// - a (user, slot) never seen before is inserted `pending`; one already `pending` (a crash between
    ///   sending and recording) is claimed again; one `sent`/`suppressed`/`failed` is dropped;
    /// - a notice with fresh slots takes one token from its (user, doctor) bucket; without a token its
    ///   slots are recorded `suppressed` with reason `rate_limited`.
    func claim(_ notices: [Notice], bucket: TokenBucket, now: Date) async throws -> ClaimResult

    /// Marks the slots of the sent notices `sent` (one statement for all of them).
    func markSent(_ sent: [SentNotice]) async throws

    /// Marks a notice's slots `failed` with a reason (a permanent Telegram refusal).
    func markFailed(_ notice: Notice, reason: String) async throws

    /// The user blocked the bot or was deactivated: mark them blocked and their notice failed.
    func deactivateUser(chatId: Int64, reason: String) async throws
}

extension NotifierStore {
    /// Marks one notice's slots `sent`.
    public func markSent(_ notice: Notice, telegramMessageId: Int64?, at: Date) async throws {
        try await markSent([SentNotice(notice: notice, telegramMessageId: telegramMessageId, sentAt: at)])
    }
}

/// What `NotifierStore.claim` decided.
public struct ClaimResult: Sendable, Equatable {
    /// Notices to send now (only with the slots that still need sending).
    public var toSend: [Notice]
    /// Notices recorded as suppressed by the rate limit.
    public var suppressed: [Notice]

    /// Creates a result.
    public init(toSend: [Notice], suppressed: [Notice]) {
        self.toSend = toSend
        self.suppressed = suppressed
    }
}
