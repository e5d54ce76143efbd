import Foundation
import Messaging
import Paziresh24
import ServiceRuntime

/// The scraper's use case: poll one target once, publish `slot.found` for each slot the previous
/// successful poll did not list, then `doctor.checked`.
public struct PollTarget: Sendable {
    let source: any Paziresh24Fetching
    let events: any ScraperEventPublishing
    let state: ScraperState
    let bookingSite: URL

    /// Creates the use case.
    public init(source: any Paziresh24Fetching, events: any ScraperEventPublishing, state: ScraperState, bookingSite: URL) {
        self.source = source
        self.events = events
        self.state = state
        self.bookingSite = bookingSite
    }

    /// What one poll did.
    public struct Result: Sendable, Equatable {
        /// `ok`, `no_slots` or `error`.
        public var outcome: DoctorCheckedV1.Outcome
        /// For errors: the error kind label.
        public var errorKind: String?
        /// Free slots listed.
        public var freeSlots: Int
        /// Slots announced.
        public var newSlots: Int
        /// A Retry-After to respect before polling this target again.
        public var retryAfter: Duration?
    }

    /// Polls `target`. Publishing failures throw (after the producer's own retries), leaving the
    /// seen-slot memory untouched so the next poll announces the same slots again: nothing is lost.
    public func run(_ target: WatchTarget, now: @Sendable () -> Date = { Date() }) async throws -> Result {
        let pollId = UUID()
        let correlationId = pollId.uuidString.lowercased()
        let started = ContinuousClock.now
        let query = FreeSlotsQuery(
            centerId: target.center.id, serviceId: target.service.id, userCenterId: target.center.userCenterId,
            serverId: target.center.serverId)
        var result: Result
        var earliest: [Date]? = nil
        do {
            let slots = try await source.freeSlots(query)
            let observedAt = now()
            let starts = Set(slots.map(\.start))
            let fresh = Set(await state.newSlots(targetId: target.id, freeSlotStarts: starts))
            let bookingURL = DoctorSlug.profileURL(for: target.doctor.slug, site: bookingSite).absoluteString
            for slot in slots.sorted() where fresh.contains(slot.start) {
                try await events.slotFound(
                    SlotFoundV1(
                        targetId: target.id, doctor: target.doctor, center: target.center, serviceId: target.service.id,
                        slot: SlotTime(start: slot.start, end: slot.end), bookingURL: bookingURL, observedAt: observedAt,
                        pollId: pollId),
                    correlationId: correlationId)
            }
            await state.commit(targetId: target.id, freeSlotStarts: starts)
            earliest = Array(starts.sorted().prefix(20))
            result = Result(outcome: slots.isEmpty ? .noSlots : .ok, errorKind: nil, freeSlots: slots.count, newSlots: fresh.count)
        } catch let error as Paziresh24Error {
            if case .cancelled = error.kind { throw CancellationError() }
            var retryAfter: Duration? = nil
            if case .rateLimited(let after) = error.kind { retryAfter = after }
            result = Result(outcome: .error, errorKind: error.kindLabel, freeSlots: 0, newSlots: 0, retryAfter: retryAfter)
        }
        let elapsed = ContinuousClock.now - started
        let durationMs = Int(elapsed.wholeMilliseconds)
        try await events.checked(
            DoctorCheckedV1(
                targetId: target.id, doctorSlug: target.doctor.slug, outcome: result.outcome, errorKind: result.errorKind,
                freeSlotCount: result.freeSlots, newSlotCount: result.newSlots, earliestSlots: earliest,
                durationMs: durationMs, checkedAt: now(), pollId: pollId),
            correlationId: correlationId)
        return result
    }
}

extension PollTarget.Result {
    init(outcome: DoctorCheckedV1.Outcome, errorKind: String?, freeSlots: Int, newSlots: Int) {
        self.init(outcome: outcome, errorKind: errorKind, freeSlots: freeSlots, newSlots: newSlots, retryAfter: nil)
    }
}
