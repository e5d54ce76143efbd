import Foundation
import Paziresh24
import ScraperDomain
import Synchronization

/// Wraps the HTTP transport so that every request to paziresh24, retries included, first takes a
/// slot from the fleet budget, and every answer feeds the budget's cool-down.
///
/// A caller that already took a slot (the scraper's poll loop takes it before choosing what to
/// use it for, so a triggered poll goes first) runs its work with `prepaid` set: the first
/// request of that work uses the slot instead of taking another one.
public struct BudgetedTransport: HTTPTransport {
    /// A budget slot already taken, spent by the first request that finds it.
    public final class PrepaidSlot: Sendable {
        private let available = Mutex(true)

        /// Creates an unspent slot.
        public init() {}

        /// Spends the slot; false when it was spent already.
        public func take() -> Bool {
            available.withLock { value in
                defer { value = false }
                return value
            }
        }
    }

    /// The slot the current task's work already took, if any.
    @TaskLocal public static var prepaid: PrepaidSlot?

    let base: any HTTPTransport
    let gate: BudgetGate
    let onRequest: @Sendable (Duration, Int?) -> Void

    /// Creates the wrapper; `onRequest(duration, status)` feeds metrics.
    public init(base: any HTTPTransport, gate: BudgetGate, onRequest: @escaping @Sendable (Duration, Int?) -> Void = { _, _ in }) {
        self.base = base
        self.gate = gate
        self.onRequest = onRequest
    }

    public func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        if Self.prepaid?.take() != true { try await gate.acquire() }
        let started = ContinuousClock.now
        do {
            let response = try await base.send(request)
            await gate.record(status: response.status)
            onRequest(ContinuousClock.now - started, response.status)
            return response
        } catch {
            // A hang or connection failure counts like a 5xx for the cool-down.
            if !(error is CancellationError) { await gate.record(status: 504) }
            onRequest(ContinuousClock.now - started, nil)
            throw error
        }
    }
}
