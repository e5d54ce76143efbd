/// The port through which notices leave: a Telegram sender that honours Telegram's limits
/// (implemented by `TelegramNoticeSender`).
public protocol NoticeSending: Sendable {
    /// Sends a notice, retrying 429 (after `retry_after`), 5xx and timeouts with backoff until it is
    /// delivered or refused for good. Right before every attempt — after any wait for the pacer, a
    /// 429 pause or a backoff — it asks `revise` for the notice as it stands now: the slots gone or
    /// expired meanwhile are taken out; nil means nothing is left, and it returns `.withdrawn`
    /// without sending. Throws only what `revise` throws and `CancellationError` (shutdown): the
    /// notice stays pending and is sent after the restart.
    func send(_ notice: Notice, revise: @escaping @Sendable (Notice) async throws -> Notice?) async throws -> DeliveryOutcome
}

extension NoticeSending {
    /// Sends a notice as it is (no check before the attempts).
    public func send(_ notice: Notice) async throws -> DeliveryOutcome {
        try await send(notice, revise: { $0 })
    }
}
