import Foundation
import Paziresh24
import ScraperDomain

/// Wraps the HTTP transport so that every request to paziresh24, retries included, first takes a
/// slot from the fleet budget, and every answer feeds the budget's cool-down.
public struct BudgetedTransport: HTTPTransport {
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
        try await gate.acquire()
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
