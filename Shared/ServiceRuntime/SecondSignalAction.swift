#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What a `ServiceGroup` does when a second `SIGTERM`/`SIGINT` arrives during shutdown.
public enum SecondSignalAction: Sendable, Hashable {
    /// End the process at once with exit status 1, right on the signal queue: one log line is
    /// written synchronously (a single `write(2)`), then `_exit(1)`. Nothing touches the
    /// concurrency runtime (no task is cancelled or awaited), so a task stuck in the runtime
    /// (a cancellation handler that deadlocked) cannot hold the process. The default for services.
    case exitProcess
    /// Stop waiting for services and let `run()` return (the process keeps running). For tests
    /// that signal their own process.
    case stopWaiting

    /// Exit status of `exitProcess`.
    public static let exitStatus: Int32 = 1

    /// Ends the process without running atexit handlers or touching any lock but the kernel's.
    static func exitNow() -> Never {
        _exit(exitStatus)
    }
}
