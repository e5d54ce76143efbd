import ScraperDomain

/// `ScraperEventPublishing` in memory: keeps every acknowledged event with its correlation id and
/// the time it was published on an injected clock; can be told to refuse (a broker outage).
public actor InMemoryScraperEvents<C: Clock<Duration>>: ScraperEventPublishing {
    /// One acknowledged event.
    public struct Published<Event: Sendable>: Sendable {
        /// The event.
        public var event: Event
        /// Its correlation id.
        public var correlationId: String
        /// When it was acknowledged, on the injected clock.
        public var at: C.Instant
    }

    /// What a refused publish throws.
    public struct Refused: Error, Hashable {
        /// Creates the error.
        public init() {}
    }

    private let clock: C
    private var refuseSlots = false
    private var refuseChecks = false
    /// `slot.found` events acknowledged so far, in order.
    public private(set) var slots: [Published<DiscoveredSlot>] = []
    /// `slot.gone` events acknowledged so far, in order.
    public private(set) var gone: [Published<GoneSlot>] = []
    /// `doctor.checked` events acknowledged so far, in order.
    public private(set) var checks: [Published<CheckReport>] = []

    /// Creates an empty publisher on `clock`.
    public init(clock: C) {
        self.clock = clock
    }

    /// Makes publishing fail with `Refused` (or work again), per event type (`slots` covers
    /// `slot.found` and `slot.gone`).
    public func refuse(slots: Bool, checks: Bool = false) {
        refuseSlots = slots
        refuseChecks = checks
    }

    public func slotFound(_ slot: DiscoveredSlot, correlationId: String) async throws {
        if refuseSlots { throw Refused() }
        slots.append(Published(event: slot, correlationId: correlationId, at: clock.now))
    }

    public func slotGone(_ slot: GoneSlot, correlationId: String) async throws {
        if refuseSlots { throw Refused() }
        gone.append(Published(event: slot, correlationId: correlationId, at: clock.now))
    }

    public func checked(_ report: CheckReport, correlationId: String) async throws {
        if refuseChecks { throw Refused() }
        checks.append(Published(event: report, correlationId: correlationId, at: clock.now))
    }
}
