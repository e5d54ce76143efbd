import Foundation

/// Paces sends to stay inside Telegram's limits: at most `globalRate` messages per second overall
/// and one message per `perChatInterval` to the same chat, and honours a 429's `retry_after` for
/// everyone (Telegram's flood control is per bot).
public actor SendPacer {
    private let spacing: TimeInterval
    private let perChatInterval: TimeInterval
    private var nextGlobal = Date.distantPast
    private var nextPerChat: [Int64: Date] = [:]
    private var pausedUntil = Date.distantPast

    /// Creates a pacer.
    public init(globalRate: Double, perChatInterval: TimeInterval) {
        self.spacing = 1 / globalRate
        self.perChatInterval = perChatInterval
    }

    /// Reserves the next send slot for `chatId` and returns when it may go.
    func reserve(chatId: Int64, now: Date) -> Date {
        var slot = max(now, nextGlobal, pausedUntil)
        if let chat = nextPerChat[chatId], chat > slot { slot = chat }
        nextGlobal = max(nextGlobal, slot).addingTimeInterval(spacing)
        nextPerChat[chatId] = slot.addingTimeInterval(perChatInterval)
        if nextPerChat.count > 50_000 { nextPerChat = nextPerChat.filter { $0.value > now } }
        return slot
    }

    /// Waits for a send slot. Throws `CancellationError` on shutdown.
    public func acquire(chatId: Int64) async throws {
        let slot = reserve(chatId: chatId, now: Date())
        let wait = slot.timeIntervalSinceNow
        if wait > 0 { try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up)))) }
    }

    /// Telegram said 429: nobody sends before `retryAfter` has passed.
    public func pause(for retryAfter: TimeInterval) {
        pausedUntil = max(pausedUntil, Date().addingTimeInterval(retryAfter))
    }
}
