import Foundation
import Synchronization

/// A clock a test moves by hand: what `now` means to the in-memory stores (and to the
/// PostgreSQL store's "still in the future" judgement) without waiting or reading the wall clock.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    /// A clock standing at `start` (by default 2026-10-06 12:00 UTC, a Tuesday).
    public init(start: Date = Date(timeIntervalSince1970: 1_791_288_000)) {
        current = Mutex(start)
    }

    /// The clock's time.
    public func now() -> Date { current.withLock { $0 } }

    /// Moves the clock forward (or back, for a test of a clock going backwards).
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The clock as the `now` closure the stores take.
    public var function: @Sendable () -> Date { { [self] in self.now() } }
}
