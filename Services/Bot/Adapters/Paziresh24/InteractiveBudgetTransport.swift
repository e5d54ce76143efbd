import Foundation
import Paziresh24

/// Wraps the bot's HTTP transport so that every request to paziresh24 (search and full-profile,
/// retries and redirects included) first takes a token of the `InteractiveBudget`.
///
/// A refusal is thrown as `.rateLimited` with the context `interactive budget`: the client passes
/// it on at once (no retry, no breaker failure) and the directory answers `.busy`.
public struct InteractiveBudgetTransport: HTTPTransport {
    let base: any HTTPTransport
    let budget: InteractiveBudget
    let now: @Sendable () -> Date
    let sleep: @Sendable (TimeInterval) async throws -> Void

    /// Creates the wrapper; `now` and `sleep` are injectable for tests.
    public init(
        base: any HTTPTransport, budget: InteractiveBudget, now: @escaping @Sendable () -> Date = { Date() },
        sleep: @escaping @Sendable (TimeInterval) async throws -> Void = { try await Task.sleep(for: .seconds($0)) }
    ) {
        self.base = base
        self.budget = budget
        self.now = now
        self.sleep = sleep
    }

    public func send(_ request: HTTPTransportRequest) async throws -> HTTPTransportResponse {
        guard let wait = budget.reserve(now: now()) else {
            throw Paziresh24Error(
                .rateLimited(retryAfter: .seconds(1 / budget.rate)), context: Self.refusalContext)
        }
        if wait > 0 { try await sleep(wait) }
        return try await base.send(request)
    }

    /// The context of a refusal, which tells it from a 429 of paziresh24 itself.
    public static let refusalContext = "interactive budget"
}
