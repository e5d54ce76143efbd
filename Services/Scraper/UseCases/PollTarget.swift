import Foundation

/// The scraper's use case: poll one target once; on success publish `slot.gone` for each episode
/// the poll closed and `slot.found` for each it opened (the change detection of `ScraperState`),
/// record the new state, save it in the slot-state store when episodes changed; then
/// `doctor.checked`.
///
/// Order matters: the state is recorded only after every event of the poll was acknowledged, and
/// saved only after it was recorded, so a crash or a failed publish re-announces at most the
/// changes of the poll in flight and never loses one.
public struct PollTarget: Sendable {
    let source: any FreeSlotSource
    let events: any ScraperEventPublishing
    let state: ScraperState
    let store: (any SlotStateStore)?
    /// Starts measuring a poll on the injected clock; the closure it returns gives the time since.
    let startStopwatch: @Sendable () -> @Sendable () -> Duration
    let now: @Sendable () -> Date

    /// Creates the use case; `clock` measures each poll's duration, `now` stamps the events.
    /// Without `store` the slot state lives in memory only.
    public init<C: Clock<Duration>>(
        source: any FreeSlotSource, events: any ScraperEventPublishing, state: ScraperState, store: (any SlotStateStore)? = nil,
        clock: C, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.source = source
        self.events = events
        self.state = state
        self.store = store
        self.startStopwatch = { Self.stopwatch(clock) }
        self.now = now
    }

    /// Creates the use case on the real clocks.
    public init(
        source: any FreeSlotSource, events: any ScraperEventPublishing, state: ScraperState, store: (any SlotStateStore)? = nil
    ) {
        self.init(source: source, events: events, state: state, store: store, clock: ContinuousClock())
    }

    /// What one poll did.
    public struct Result: Sendable, Equatable {
        /// `ok`, `no_slots` or `error`.
        public var outcome: PollOutcome
        /// For errors: the error kind label.
        public var errorKind: String?
        /// Free slots listed.
        public var freeSlots: Int
        /// Slots announced (`slot.found`).
        public var newSlots: Int
        /// A Retry-After to respect before polling this target again.
        public var retryAfter: Duration?
        /// Episodes closed (`slot.gone`).
        public var goneSlots: Int
        /// Whether the poll wrote the target's state to the slot-state store.
        public var savedState: Bool

        /// Creates a result.
        public init(
            outcome: PollOutcome, errorKind: String?, freeSlots: Int, newSlots: Int, retryAfter: Duration? = nil, goneSlots: Int = 0,
            savedState: Bool = false
        ) {
            self.savedState = savedState
            self.outcome = outcome
            self.errorKind = errorKind
            self.freeSlots = freeSlots
            self.newSlots = newSlots
            self.retryAfter = retryAfter
            self.goneSlots = goneSlots
        }
    }

    /// Polls `target`. Publishing failures throw (after the producer's own retries), leaving the
    /// slot state untouched so the next poll announces the same changes again: nothing is lost.
    /// A failed save throws too, after the state was recorded in memory; the next successful poll
    /// saves again. A source failure is reported in `doctor.checked` and changes nothing (no
    /// `slot.gone` for a poll that could not read the slots).
    public func run(_ target: ScrapeTarget) async throws -> Result {
        let pollId = UUID()
        let correlationId = pollId.uuidString.lowercased()
        let elapsed = startStopwatch()
        var result: Result
        var earliest: [Date]? = nil
        do {
            let slots = try await source.freeSlots(of: target)
            let observedAt = now()
            let changes = await state.changes(targetId: target.id, listed: slots, polledAt: observedAt, pollId: pollId)
            for closed in changes.gone {
                try await events.slotGone(
                    GoneSlot(
                        targetId: target.id, slot: closed.slot, episode: closed.episode, lastSeenAt: closed.lastSeenAt,
                        firstMissedAt: observedAt, pollId: pollId),
                    correlationId: correlationId)
            }
            let bookingURL = source.bookingLink(for: target)
            let price = changes.found.isEmpty ? nil : await state.onlinePriceRial(targetId: target.id)
            for opened in changes.found {
                try await events.slotFound(
                    DiscoveredSlot(
                        target: target, slot: opened.slot, bookingURL: bookingURL, observedAt: observedAt, pollId: pollId,
                        episode: opened.episode, onlinePriceRial: price),
                    correlationId: correlationId)
            }
            var saved = false
            if let partition = await state.commit(targetId: target.id, changes), let store {
                try await store.save(changes.after, targetId: target.id, partition: partition)
                await state.saved(targetId: target.id, pollId: pollId)
                saved = true
            }
            let listed = changes.after.slots.map(\.slot)
            earliest = Array(listed.filter { $0.granularity == .time }.map(\.start).prefix(20))
            result = Result(
                outcome: listed.isEmpty ? .noSlots : .ok, errorKind: nil, freeSlots: listed.count, newSlots: changes.found.count,
                goneSlots: changes.gone.count, savedState: saved)
        } catch let error as FreeSlotSourceError {
            result = Result(outcome: .error, errorKind: error.kind, freeSlots: 0, newSlots: 0, retryAfter: error.retryAfter)
        }
        try await events.checked(
            CheckReport(
                targetId: target.id, doctorSlug: target.doctor.slug, outcome: result.outcome, errorKind: result.errorKind,
                freeSlotCount: result.freeSlots, newSlotCount: result.newSlots, earliestSlots: earliest, duration: elapsed(),
                checkedAt: now(), pollId: pollId),
            correlationId: correlationId)
        return result
    }

    /// Starts measuring on `clock`; the returned closure gives the time elapsed since.
    private static func stopwatch<C: Clock<Duration>>(_ clock: C) -> @Sendable () -> Duration {
        let start = clock.now
        return { start.duration(to: clock.now) }
    }
}
