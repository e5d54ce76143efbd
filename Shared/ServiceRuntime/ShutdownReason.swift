#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a `ServiceGroup` began shutting down.
public enum ShutdownReason: Sendable, Hashable, CustomStringConvertible {
    /// A signal arrived (`SIGTERM`, `SIGINT`...).
    case signal(Int32)
    /// `ServiceGroup.triggerGracefulShutdown()` was called.
    case requested
    /// The named service returned on its own.
    case serviceFinished(String)
    /// The named service threw.
    case serviceFailed(String)
    /// The task running the group was cancelled.
    case cancelled

    /// `signal SIGTERM`, `service scraper failed`...
    public var description: String {
        switch self {
        case .signal(let number): "signal \(Self.signalName(number))"
        case .requested: "shutdown requested"
        case .serviceFinished(let name): "service \(name) finished"
        case .serviceFailed(let name): "service \(name) failed"
        case .cancelled: "cancelled"
        }
    }

    /// `SIGTERM` for 15, `signal 99` for unknown numbers.
    public static func signalName(_ number: Int32) -> String {
        switch number {
        case SIGTERM: "SIGTERM"
        case SIGINT: "SIGINT"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        case SIGUSR1: "SIGUSR1"
        case SIGUSR2: "SIGUSR2"
        default: "signal \(number)"
        }
    }
}
