import Foundation

/// The scraper's use case: poll one target once, publish `slot.found` for each slot the previous
/// successful poll did not list (the change detection of `ScraperState`), then `doctor.checked`.
public struct PollTarget: Sendable {
    let source: any FreeSlotSource
    let events: any ScraperEventPublishing
    let state: ScraperState
    /// Starts measuring a poll on the injected clock; the closure it returns gives the time since.
    let startStopwatch: @Sendable () -> @Sendable () -> Duration
    let now: @Sendable () -> Date

    /// Creates the use case; `clock` measures each poll's duration, `now` stamps the events.
    public init<C: Clock<Duration>>(
        source: any FreeSlotSource, events: any ScraperEventPublishing, state: ScraperState, clock: C,
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.source = source
        self.events = events
        self.state = state
        self.startStopwatch = { Self.stopwatch(clock) }
        self.now = now
    }

    /// Creates the use case on the real clocks.
    public init(source: any FreeSlotSource, events: any ScraperEventPublishing, state: ScraperState) {
        self.init(source: source, events: events, state: state, clock: ContinuousClock())
    }

    /// What one poll did.
    public struct Result: Sendable, Equatable {
        /// `ok`, `no_slots` or `error`.
        public var outcome: PollOutcome
        /// For errors: the error kind label.
        public var errorKind: String?
        /// Free slots listed.
        public var freeSlots: Int
        /// Slots announced.
        public var newSlots: Int
        /// A Retry-After to respect before polling this target again.
        public var retryAfter: Duration?

        /// Creates a result.
        public init(outcome: PollOutcome, errorKind: String?, freeSlots: Int, newSlots: Int, retryAfter: Duration? = nil) {
            self.outcome = outcome
            self.errorKind = errorKind
            self.freeSlots = freeSlots
            self.newSlots = newSlots
            self.retryAfter = retryAfter
        }
    }

    /// Polls `target`. Publishing failures throw (after the producer's own retries), leaving the
    /// seen-slot memory untouched so the next poll announces the same slots again: nothing is lost.
    /// A source failure is reported in `doctor.checked` and changes nothing.
    public func run(_ target: ScrapeTarget) async throws -> Result {
        let pollId = UUID()
        let correlationId = pollId.uuidString.lowercased()
        let elapsed = startStopwatch()
        var result: Result
        var earliest: [Date]? = nil
        do {
            let slots = try await source.freeSlots(of: target)
            let observedAt = now()
            let starts = Set(slots.map(\.start))
            let fresh = Set(await state.newSlots(targetId: target.id, freeSlotStarts: starts))
            let bookingURL = source.bookingLink(for: target)
            for slot in slots.sorted() where fresh.contains(slot.start) {
                try await events.slotFound(
                    DiscoveredSlot(target: target, slot: slot, bookingURL: bookingURL, observedAt: observedAt, pollId: pollId),
                    correlationId: correlationId)
            }
            await state.commit(targetId: target.id, freeSlotStarts: starts)
            earliest = Array(starts.sorted().prefix(20))
            result = Result(outcome: slots.isEmpty ? .noSlots : .ok, errorKind: nil, freeSlots: slots.count, newSlots: fresh.count)
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
