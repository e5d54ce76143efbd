import ScraperDomain
import TestSupport

/// `FreeSlotSource` in memory: scripted answers per target, each read taking `latency` on an
/// injected clock (a `VirtualClock` in unit tests, so a slow source costs no real time).
///
/// Answers are given in order; once a target's script is used up its last answer repeats (a
/// source whose calendar stays the same). An unscripted target has no free slot.
public actor InMemoryFreeSlotSource<C: Clock<Duration>>: FreeSlotSource {
    /// What one read answers.
    public enum Answer: Sendable, Hashable {
        /// The free slots listed.
        case slots([FreeSlot])
        /// The read fails.
        case failure(FreeSlotSourceError)
    }

    /// One read, for assertions.
    public struct Read: Sendable {
        /// The target read.
        public var targetId: String
        /// When the read ended, on the injected clock.
        public var at: C.Instant
    }

    private let clock: C
    private let latency: Duration
    private let bookingSite: String
    private var scripts: [String: [Answer]] = [:]
    private var last: [String: Answer] = [:]
    /// Every read so far, in order.
    public private(set) var reads: [Read] = []

    /// Creates a source whose reads take `latency` on `clock`.
    public init(clock: C, latency: Duration = .zero, bookingSite: String = "https://www.paziresh24.example") {
        self.clock = clock
        self.latency = latency
        self.bookingSite = bookingSite
    }

    /// Appends answers to `targetId`'s script.
    public func script(_ targetId: String, _ answers: [Answer]) {
        scripts[targetId, default: []] += answers
    }

    public func freeSlots(of target: ScrapeTarget) async throws -> [FreeSlot] {
        if latency > .zero { try await clock.sleep(for: latency) }
        try Task.checkCancellation()
        reads.append(Read(targetId: target.id, at: clock.now))
        let answer: Answer
        if var script = scripts[target.id], !script.isEmpty {
            answer = script.removeFirst()
            scripts[target.id] = script
            last[target.id] = answer
        } else {
            answer = last[target.id] ?? .slots([])
        }
        switch answer {
        case .slots(let slots): return slots
        case .failure(let error): throw error
        }
    }

    public nonisolated func bookingLink(for target: ScrapeTarget) -> String {
        "\(bookingSite)/dr/\(target.doctor.slug)/"
    }
}
