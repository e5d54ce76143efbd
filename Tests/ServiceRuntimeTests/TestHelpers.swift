import Dispatch
import Foundation
import ServiceRuntime
import Synchronization
import TestSupport

/// Thread-safe list of things that happened, in order.
final class EventLog: Sendable {
    private let events = Mutex<[String]>([])

    func record(_ event: String) { events.withLock { $0.append(event) } }

    var all: [String] { events.withLock { $0 } }

    func contains(_ event: String) -> Bool { all.contains(event) }
}

/// A flag tests flip while the code under test reads it.
final class Flag: Sendable {
    private let value: Mutex<Bool>

    init(_ initial: Bool) { value = Mutex(initial) }

    var isSet: Bool { value.withLock { $0 } }

    func set(_ newValue: Bool) { value.withLock { $0 = newValue } }
}

struct TestFailure: Error, Equatable {
    let message: String
}

/// Polls `condition` every 10 ms until it holds or `timeout` passes (TestSupport's `eventually`,
/// answering whether it held, for `#expect`).
func eventually(timeout: Duration = .seconds(5), _ condition: @Sendable () -> Bool) async -> Bool {
    (try? await TestSupport.eventually(within: timeout, every: .milliseconds(10), "condition") { condition() }) != nil
}

/// Suspends for `duration` whether or not the task is cancelled (a service slow to stop).
func uncancellableSleep(_ duration: Duration) async {
    let (seconds, attoseconds) = duration.components
    let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
    await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
        DispatchQueue.global().asyncAfter(deadline: .now() + .nanoseconds(nanoseconds)) {
            continuation.resume()
        }
    }
}

/// A deterministic generator for jitter tests (SplitMix64).
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Parses one log line as a JSON object.
func jsonObject(_ line: String) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
}
