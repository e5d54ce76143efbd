/// The port through which notices leave: a Telegram sender that honours Telegram's limits
/// (implemented by `TelegramNoticeSender`).
public protocol NoticeSending: Sendable {
    /// Sends a notice, retrying 429 (after `retry_after`), 5xx and timeouts with backoff until it is
    /// delivered or refused for good. Throws only `CancellationError` (shutdown): the notice stays
    /// pending and is sent after the restart.
    func send(_ notice: Notice) async throws -> DeliveryOutcome
}
