/// A clock's sleep, injected into services so tests can run retry and polling loops without waiting.
public struct Sleeper: Sendable {
    private let sleepFor: @Sendable (Duration) async throws -> Void

    /// A sleeper calling `sleep` (which should throw `CancellationError` when cancelled).
    public init(_ sleep: @escaping @Sendable (Duration) async throws -> Void) {
        self.sleepFor = sleep
    }

    /// A sleeper on `clock` (a `ContinuousClock`, or a test clock).
    public init<C: Clock>(clock: C) where C.Duration == Duration {
        self.sleepFor = { duration in try await clock.sleep(for: duration) }
    }

    /// Real time on the continuous clock.
    public static let continuous = Sleeper(clock: ContinuousClock())

    /// Returns at once (after a yield), but still throws when the task is cancelled.
    public static let immediate = Sleeper { _ in
        try Task.checkCancellation()
        await Task.yield()
    }

    /// Suspends for `duration`. - Throws: `CancellationError` if the task is cancelled.
    public func sleep(for duration: Duration) async throws {
        try await sleepFor(duration)
    }
}
