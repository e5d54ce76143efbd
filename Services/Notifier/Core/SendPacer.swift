import Foundation

/// Paces sends to stay inside Telegram's limits: at most this replica's share of the global rate
/// and one message per `perChatInterval` to the same chat, and honours a 429's `retry_after` for
/// everyone (Telegram's flood control is per bot).
///
/// With several replicas the global rate is split like the scraper's budget: a replica that owns
/// `a` of the slots topic's `n` partitions sends at most `globalRate × a ÷ n` messages per second.
///
/// Telegram counts in sliding one-second windows, and a request's arrival there jitters around
/// the moment it was started here. So the pacer decides on the instants sends actually start
/// (recorded when a send is let go, not planned ahead), spaces them evenly at `headroom` × the
/// rate, never lets more than the rate start within one second plus `windowMargin`, and adds
/// `perChatMargin` to the per-chat interval.
public actor SendPacer {
    /// Messages per second for the whole fleet.
    public let globalRate: Double
    private let perChatInterval: TimeInterval
    private let headroom: Double
    private let perChatMargin: TimeInterval
    private let window: TimeInterval
    private var share: Double
    private var spacing: TimeInterval
    private var windowLimit: Int
    private var nextGlobal = Date.distantPast
    private var recentStarts: [Date] = []
    private var nextPerChat: [Int64: Date] = [:]
    private var pausedUntil = Date.distantPast

    /// Creates a pacer; `share` is this replica's fraction of the fleet (1 until partitions are known).
    public init(
        globalRate: Double, perChatInterval: TimeInterval, headroom: Double = 0.98, windowMargin: TimeInterval = 0.025,
        perChatMargin: TimeInterval = 0.05, share: Double = 1
    ) {
        self.globalRate = globalRate
        self.perChatInterval = perChatInterval
        self.headroom = min(1, max(0.1, headroom))
        self.perChatMargin = perChatInterval > 0 ? perChatMargin : 0
        self.window = 1 + max(0, windowMargin)
        self.share = min(1, max(0, share))
        (spacing, windowLimit) = Self.pacing(globalRate: globalRate, share: self.share, headroom: self.headroom)
    }

    /// The share of the global rate for `assigned` of `total` partitions. A replica that has just
    /// lost every partition still finishes the batch in hand, at one partition's worth.
    public static func share(assigned: Int, total: Int) -> Double {
        let total = max(1, total)
        return min(1, Double(max(1, assigned)) / Double(total))
    }

    /// Updates this replica's share of the global rate; returns the rate it may now send at.
    @discardableResult
    public func setShare(assigned: Int, total: Int) -> Double {
        share = Self.share(assigned: assigned, total: total)
        (spacing, windowLimit) = Self.pacing(globalRate: globalRate, share: share, headroom: headroom)
        return currentRate
    }

    /// Messages per second this replica may send (its share of the global rate, before headroom).
    public var currentRate: Double { globalRate * share }

    /// Even spacing at `headroom` × the rate, and how many sends one window admits.
    private static func pacing(globalRate: Double, share: Double, headroom: Double) -> (spacing: TimeInterval, windowLimit: Int) {
        let rate = max(0.001, globalRate * share)
        return (1 / (rate * headroom), max(1, Int(rate.rounded(.down))))
    }

    /// Whether a send to `chatId` may start at `now`. If so it is recorded as started (the
    /// returned `slot` is `now`); if not, `notBefore` says when to ask again.
    func reserve(chatId: Int64, now: Date) -> (slot: Date?, notBefore: Date) {
        var earliest = max(nextGlobal, pausedUntil, nextPerChat[chatId] ?? .distantPast)
        if recentStarts.count >= windowLimit {
            earliest = max(earliest, recentStarts[recentStarts.count - windowLimit].addingTimeInterval(window))
        }
        if earliest > now { return (nil, earliest) }
        // Keep to the even grid when a waiter woke a little late; start a new grid after a gap.
        nextGlobal = max(nextGlobal, now.addingTimeInterval(-spacing / 2)).addingTimeInterval(spacing)
        nextPerChat[chatId] = now.addingTimeInterval(perChatInterval + perChatMargin)
        recentStarts.append(now)
        if recentStarts.count > windowLimit { recentStarts.removeFirst(recentStarts.count - windowLimit) }
        if nextPerChat.count > 50_000 { nextPerChat = nextPerChat.filter { $0.value > now } }
        return (now, now)
    }

    /// Waits until a send to `chatId` may start. Throws `CancellationError` on shutdown.
    public func acquire(chatId: Int64) async throws {
        while true {
            try Task.checkCancellation()
            let now = Date()
            let decision = reserve(chatId: chatId, now: now)
            if decision.slot != nil { return }
            let wait = decision.notBefore.timeIntervalSince(now)
            try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))))
        }
    }

    /// Telegram said 429: nobody sends before `retryAfter` has passed.
    public func pause(for retryAfter: TimeInterval) {
        pausedUntil = max(pausedUntil, Date().addingTimeInterval(retryAfter))
    }
}
