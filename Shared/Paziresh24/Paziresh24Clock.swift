/// Monotonic time and sleeping for retries and breakers; injected so tests run without waiting.
public protocol Paziresh24Clock: Sendable {
    /// Time elapsed since an arbitrary fixed origin; never goes backwards.
    func now() -> Duration
    /// Suspends for `duration`; throws `CancellationError` when the task is cancelled.
    func sleep(for duration: Duration) async throws
}

/// The real clock: `ContinuousClock` and `Task.sleep`.
public struct SystemPaziresh24Clock: Paziresh24Clock {
    private let origin = ContinuousClock.now

    /// Creates a clock whose origin is now.
    public init() {}

    /// Time since this clock was created.
    public func now() -> Duration { ContinuousClock.now - origin }

    /// `Task.sleep(for:)`.
    public func sleep(for duration: Duration) async throws {
        try await Task.sleep(for: duration)
    }
}
