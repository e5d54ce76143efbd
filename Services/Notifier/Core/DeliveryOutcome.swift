/// How a send ended, after the sender's own retries.
public enum DeliveryOutcome: Sendable, Equatable {
    /// Telegram accepted the message.
    case sent(messageId: Int64?)
    /// 403: the user blocked the bot or was deactivated.
    case blocked(reason: String)
    /// A permanent refusal (400 and other non-retriable answers).
    case rejected(reason: String)
}

/// The port through which notices leave: a Telegram sender that honours Telegram's limits.
public protocol NoticeSending: Sendable {
    /// Sends a notice, retrying 429 (after `retry_after`), 5xx and timeouts with backoff until it is
    /// delivered or refused for good. Throws only `CancellationError` (shutdown): the notice stays
    /// pending and is sent after the restart.
    func send(_ notice: Notice) async throws -> DeliveryOutcome
}

/// The port for `notification.sent` events.
public protocol NotificationEventPublishing: Sendable {
    /// Publishes `notification.sent` for a delivered notice.
    func publishSent(_ notice: Notice, telegramMessageId: Int64?, sentAt: Date) async throws
}

import Foundation
