/// A long-running part of a process (a consumer loop, a poller, the health server), run by a `ServiceGroup`.
///
/// `run()` works until its task is cancelled, then stops taking work, finishes the unit in hand,
/// commits, flushes and returns. Returning or throwing on its own makes the group shut down the rest.
public protocol Service: Sendable {
    /// Runs until cancelled (or until the work is done or fails).
    func run() async throws
}
