import ServiceRuntime

/// The one bounded poll of the test suites: checks `condition` every `interval` until it holds.
///
/// Prefer an event (a `OneShotEvent`, a stream, a child process's output line) where the code
/// offers one; poll only state that announces nothing.
/// - Parameters:
///   - timeout: how long to keep trying (the real clock: the thing polled runs in real time).
///   - interval: the pause between two checks.
///   - what: what is awaited, for the failure message.
///   - condition: the check; an error it throws ends the wait (wrap it in `try?` to retry instead).
/// - Throws: `EventuallyTimeout` naming `what` if `condition` still fails after `timeout`.
public func eventually(
    within timeout: Duration, every interval: Duration = .milliseconds(50), _ what: @autoclosure () -> String,
    _ condition: () async throws -> Bool
) async throws {
    _ = try await eventuallyValue(within: timeout, every: interval, what()) { try await condition() ? true : nil }
}

/// Polls `probe` every `interval` until it returns a value, and returns that value.
/// - Throws: `EventuallyTimeout` naming `what` if `probe` still returns nil after `timeout`.
public func eventuallyValue<Value>(
    within timeout: Duration, every interval: Duration = .milliseconds(50), _ what: @autoclosure () -> String,
    _ probe: () async throws -> Value?
) async throws -> Value {
    let deadline = ContinuousClock.now + timeout
    while true {
        if let value = try await probe() { return value }
        guard ContinuousClock.now < deadline else { throw EventuallyTimeout(what: what(), timeout: timeout) }
        try await Task.sleep(for: interval)
    }
}

/// Lets `duration` of real time pass because the passing time is the scenario itself: "nothing
/// more arrives within N seconds", "the outage lasts N seconds", "measure the rate over N seconds".
/// Named, so such waits are counted apart from polls (`reason` says which one this is).
public func letTimePass(_ duration: Duration, _ reason: StaticString) async throws {
    try await Task.sleep(for: duration)
}

/// Suspends until the calling task is cancelled (a handler that never answers, a service that only
/// stops when told), without waking up on a timer.
public func suspendUntilCancelled() async {
    await OneShotEvent().wait()
}

/// `eventually` gave up.
public struct EventuallyTimeout: Error, CustomStringConvertible {
    /// What was awaited.
    public let what: String
    /// How long it was awaited.
    public let timeout: Duration

    public var description: String { "timed out after \(timeout) waiting for: \(what)" }
}
