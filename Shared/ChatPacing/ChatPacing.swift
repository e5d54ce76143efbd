/// One schedule of sends per Telegram chat, shared by everyone who writes to the chat (the bot's
/// replies and the notifier's notices), so that together they stay inside Telegram's one message
/// per second per chat.
public protocol ChatPacing: Sendable {
    /// Reserves the next send to `chatId` and returns how long the caller must wait before it may
    /// send (zero when the chat is free now). Every call reserves one send.
    func reserve(chatId: Int64) async throws -> Duration
}

extension ChatPacing {
    /// Reserves the next send to `chatId` and waits until it may start. Throws
    /// `CancellationError` when the task is cancelled while waiting.
    public func waitForTurn(chatId: Int64) async throws {
        let wait = try await reserve(chatId: chatId)
        if wait > .zero { try await Task.sleep(for: wait) }
    }
}
