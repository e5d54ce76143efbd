import Foundation

/// `ChatPacing` in one process (tests, and a single service without a database): the reservation
/// rule over a dictionary, on an injected clock.
public actor InMemoryChatPacing: ChatPacing {
    private let interval: TimeInterval
    private let clock: @Sendable () -> Date
    private var nextFree: [Int64: Date] = [:]

    /// Creates a limiter that spaces sends to one chat by `interval` seconds.
    public init(interval: TimeInterval, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.interval = interval
        self.clock = clock
    }

    public func reserve(chatId: Int64) async throws -> Duration {
        let now = clock()
        let reservation = ChatPacingRule.reserve(nextFree: nextFree[chatId], now: now, interval: interval)
        nextFree[chatId] = reservation.nextFree
        if nextFree.count > 50_000 { nextFree = nextFree.filter { $0.value > now } }
        return .milliseconds(Int64((reservation.sendAt.timeIntervalSince(now) * 1000).rounded(.up)))
    }
}
