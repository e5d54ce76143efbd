/// Telegram's sendMessage limits as sliding windows over accepted sends (Bots FAQ: about 30
/// messages per second in bulk, no more than one per second in a single chat, no more than 20
/// per minute in a group). A refused send does not count.
struct TelegramRateLimiter {
    private var global: [ContinuousClock.Instant] = []
    private var perChat: [Int64: [ContinuousClock.Instant]] = [:]

    /// Seconds to wait (≥ 1, as Telegram's integral `retry_after`) if a send to `chatID` now
    /// would exceed a limit; nil if it may go.
    func retryAfter(chatID: Int64, now: ContinuousClock.Instant, configuration: TelegramStandInConfiguration) -> Int? {
        guard configuration.rateLimitsEnabled else { return nil }
        let isGroup = chatID < 0
        let chatLimit = isGroup ? configuration.groupLimit : configuration.perChatLimit
        let chatWindow = isGroup ? configuration.groupWindowSeconds : configuration.perChatWindowSeconds
        let waits = [
            Self.wait(perChat[chatID] ?? [], limit: chatLimit, window: chatWindow, now: now),
            Self.wait(global, limit: configuration.globalLimit, window: configuration.globalWindowSeconds, now: now),
        ].compactMap { $0 }
        return waits.max()
    }

    /// Records an accepted send.
    mutating func record(chatID: Int64, now: ContinuousClock.Instant, configuration: TelegramStandInConfiguration) {
        let longest = Duration.seconds(
            max(configuration.globalWindowSeconds, configuration.perChatWindowSeconds, configuration.groupWindowSeconds))
        global.append(now)
        global.removeAll { now - $0 > longest }
        perChat[chatID, default: []].append(now)
        perChat[chatID]?.removeAll { now - $0 > longest }
    }

    /// When `limit` sends already fall in the window ending now, the wait until the oldest of the
    /// last `limit` leaves it.
    private static func wait(
        _ sends: [ContinuousClock.Instant], limit: Int, window: Double, now: ContinuousClock.Instant
    ) -> Int? {
        guard limit > 0 else { return 1 }
        let windowDuration = Duration.seconds(window)
        let inWindow = sends.filter { now - $0 < windowDuration }
        guard inWindow.count >= limit else { return nil }
        let blocking = inWindow[inWindow.count - limit]
        let remaining = (blocking + windowDuration) - now
        let (seconds, attoseconds) = remaining.components
        return max(1, Int(seconds) + (attoseconds > 0 ? 1 : 0))
    }
}
