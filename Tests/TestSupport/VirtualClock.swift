import Synchronization

/// A clock on virtual time for fast, deterministic tests: time moves only when a task sleeps on
/// it (it jumps straight to the deadline) or when a test calls `advance(by:)`. Nothing waits.
public final class VirtualClock: Clock, Sendable {
    /// A point in virtual time: the time elapsed since the clock was created.
    public struct Instant: InstantProtocol {
        /// Virtual time since the origin.
        public var offset: Duration

        /// Creates an instant at `offset` after the origin.
        public init(offset: Duration) {
            self.offset = offset
        }

        public func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        public func duration(to other: Instant) -> Duration { other.offset - offset }
        public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private let current = Mutex(Instant(offset: .zero))

    /// Creates a clock at its origin.
    public init() {}

    /// The current virtual time.
    public var now: Instant { current.withLock { $0 } }

    /// No resolution limit.
    public var minimumResolution: Duration { .zero }

    /// Moves the clock to `deadline` (if it is not there yet) and returns after a yield.
    /// - Throws: `CancellationError` if the task is cancelled.
    public func sleep(until deadline: Instant, tolerance: Duration? = nil) async throws {
        try Task.checkCancellation()
        current.withLock { if $0 < deadline { $0 = deadline } }
        await Task.yield()
    }

    /// Moves the clock forward by `duration`.
    public func advance(by duration: Duration) {
        current.withLock { $0 = $0.advanced(by: duration) }
    }
}
