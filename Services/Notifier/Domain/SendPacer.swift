import Foundation

/// Paces sends to stay inside Telegram's limits: at most this replica's share of the global rate
/// and one message per `perChatInterval` to the same chat, and honours a 429's `retry_after` for
/// everyone (Telegram's flood control is per bot).
///
/// With several replicas the global rate is split like the scraper's budget: a replica that owns
/// `a` of the slots topic's `n` partitions sends at most `globalRate × a ÷ n` messages per second.
///
/// Telegram counts in sliding one-second windows at *its* end, and a request reaches it some time
/// after it was started here. A send is therefore anchored at the moment its answer came back
/// (the request had certainly arrived by then), or, for an answer still outstanding after
/// `anchorLimit`, at its start plus `anchorLimit` (a server that hangs has long received the
/// request). A send may start only when the send `rate` sends before it is anchored more than one
/// second ago, and when the previous send to the same chat is anchored more than
/// `perChatInterval` ago; between those, sends are spaced evenly at `headroom` × the rate.
/// Network jitter can then delay a send but never push two sends into one window.
public actor SendPacer {
    /// A reserved send; hand it back to `complete` when the answer arrives (or the call fails).
    public struct Ticket: Sendable, Hashable {
        let id: UInt64
        let chatId: Int64
    }

    private struct Send {
        var id: UInt64
        var start: Date
        var completed: Date?
    }

    /// Messages per second for the whole fleet.
    public let globalRate: Double
    private let perChatInterval: TimeInterval
    private let headroom: Double
    private let anchorLimit: TimeInterval
    private let margin: TimeInterval
    private var share: Double
    private var spacing: TimeInterval
    private var windowLimit: Int
    private var nextGlobal = Date.distantPast
    private var recent: [Send] = []
    private var lastPerChat: [Int64: Send] = [:]
    private var pausedUntil = Date.distantPast
    private var nextId: UInt64 = 0

    /// Creates a pacer; `share` is this replica's fraction of the fleet (1 until partitions are known).
    public init(
        globalRate: Double, perChatInterval: TimeInterval, headroom: Double = 0.99, anchorLimit: TimeInterval = 0.25,
        margin: TimeInterval = 0.005, share: Double = 1
    ) {
        self.globalRate = globalRate
        self.perChatInterval = perChatInterval
        self.headroom = min(1, max(0.1, headroom))
        self.anchorLimit = anchorLimit
        self.margin = margin
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

    /// Even spacing at `headroom` × the rate, and how many sends one second admits.
    private static func pacing(globalRate: Double, share: Double, headroom: Double) -> (spacing: TimeInterval, windowLimit: Int) {
        let rate = max(0.001, globalRate * share)
        return (1 / (rate * headroom), max(1, Int(rate.rounded(.down))))
    }

    /// Where a send counts at Telegram's end at the latest; nil while that is not known yet.
    private func anchor(_ send: Send, now: Date) -> Date? {
        let limit = send.start.addingTimeInterval(anchorLimit)
        if let completed = send.completed { return min(completed, limit) }
        return now >= limit ? limit : nil
    }

    /// Whether a send to `chatId` may start at `now`. If so it is recorded as started and a ticket
    /// returned; if not, `notBefore` says when to ask again.
    func reserve(chatId: Int64, now: Date) -> (ticket: Ticket?, notBefore: Date) {
        var earliest = max(nextGlobal, pausedUntil)
        // An answer still outstanding, not yet `anchorLimit` old: look again shortly.
        let unknown = now.addingTimeInterval(0.01)
        if let previous = lastPerChat[chatId] {
            earliest = max(earliest, anchor(previous, now: now)?.addingTimeInterval(perChatInterval + margin) ?? unknown)
        }
        if recent.count >= windowLimit {
            earliest = max(earliest, anchor(recent[recent.count - windowLimit], now: now)?.addingTimeInterval(1 + margin) ?? unknown)
        }
        if earliest > now { return (nil, earliest) }
        // Keep to the even grid when a waiter woke a little late; start a new grid after a gap.
        nextGlobal = max(nextGlobal, now.addingTimeInterval(-spacing / 2)).addingTimeInterval(spacing)
        nextId += 1
        let send = Send(id: nextId, start: now)
        recent.append(send)
        if recent.count > windowLimit { recent.removeFirst(recent.count - windowLimit) }
        lastPerChat[chatId] = send
        if lastPerChat.count > 50_000 {
            lastPerChat = lastPerChat.filter { now.timeIntervalSince($0.value.start) < perChatInterval + anchorLimit + 1 }
        }
        return (Ticket(id: send.id, chatId: chatId), now)
    }

    /// Records that the answer to `ticket`'s send arrived (or the call failed) at `now`.
    func complete(_ ticket: Ticket, now: Date) {
        if let index = recent.lastIndex(where: { $0.id == ticket.id }) { recent[index].completed = now }
        if lastPerChat[ticket.chatId]?.id == ticket.id { lastPerChat[ticket.chatId]?.completed = now }
    }

    /// Waits until a send to `chatId` may start. Throws `CancellationError` on shutdown.
    public func acquire(chatId: Int64) async throws -> Ticket {
        while true {
            try Task.checkCancellation()
            let now = Date()
            let decision = reserve(chatId: chatId, now: now)
            if let ticket = decision.ticket { return ticket }
            let wait = decision.notBefore.timeIntervalSince(now)
            try await Task.sleep(for: .milliseconds(Int64((wait * 1000).rounded(.up))))
        }
    }

    /// Records that `ticket`'s send really starts at `now`, later than it was let go (it waited for
    /// its chat's turn in the schedule shared with the bot): the send counts in the rate window
    /// from `now`, and the next send keeps the spacing after it.
    func restart(_ ticket: Ticket, now: Date) {
        if let index = recent.lastIndex(where: { $0.id == ticket.id }) { recent[index].start = max(recent[index].start, now) }
        if lastPerChat[ticket.chatId]?.id == ticket.id, let start = lastPerChat[ticket.chatId]?.start {
            lastPerChat[ticket.chatId]?.start = max(start, now)
        }
        nextGlobal = max(nextGlobal, now.addingTimeInterval(spacing))
    }

    /// `ticket`'s send starts only now: see `restart(_:now:)`.
    public func restart(_ ticket: Ticket) {
        restart(ticket, now: Date())
    }

    /// The answer to `ticket`'s send arrived, or the call failed.
    public func complete(_ ticket: Ticket) {
        complete(ticket, now: Date())
    }

    /// Telegram said 429: nobody sends before `retryAfter` has passed.
    public func pause(for retryAfter: TimeInterval) {
        pausedUntil = max(pausedUntil, Date().addingTimeInterval(retryAfter))
    }
}
