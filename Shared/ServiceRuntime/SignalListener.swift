import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns Unix signals into calls of a handler on a private dispatch queue.
///
/// Each signal's action is set to ignore with `signal(SIG, SIG_IGN)` before a dispatch signal
/// source is made for it, so the default action does not kill the process and the source still
/// sees the signal. `stop()` cancels the sources and restores the previous actions.
/// Owned by one `ServiceGroup.run()` call.
final class SignalListener {
    private let sources: [any DispatchSourceSignal]
    private let restorePreviousActions: [() -> Void]

    private static let queue = DispatchQueue(label: "ServiceRuntime.SignalListener")

    init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        var restorers: [() -> Void] = []
        self.sources = signals.map { number in
            let previous = signal(number, SIG_IGN)
            restorers.append { signal(number, previous) }
            let source = DispatchSource.makeSignalSource(signal: number, queue: Self.queue)
            source.setEventHandler { @Sendable in handler(number) }
            source.resume()
            return source
        }
        self.restorePreviousActions = restorers
    }

    func stop() {
        for source in sources { source.cancel() }
        for restore in restorePreviousActions { restore() }
    }
}
