import Foundation
import Synchronization

/// A wall clock the test moves by hand: what the in-memory stores stamp their rows with.
public final class ManualClock: Sendable {
    private let current: Mutex<Date>

    /// Creates a clock showing `start`.
    public init(_ start: Date = Date(timeIntervalSince1970: 1_790_000_000)) {
        current = Mutex(start)
    }

    /// The time it shows.
    public var now: Date { current.withLock { $0 } }

    /// Moves the clock forward.
    public func advance(by seconds: TimeInterval) {
        current.withLock { $0 = $0.addingTimeInterval(seconds) }
    }

    /// The clock as the stores take it.
    public var reading: @Sendable () -> Date { { self.now } }
}
