import ServiceRuntime
import TestSupport

/// Runs until cancelled, then takes `stopDuration` (ignoring cancellation) to stop.
struct WellBehavedService: Service {
    let name: String
    let log: EventLog
    var stopDuration: Duration = .milliseconds(30)

    func run() async throws {
        log.record("start \(name)")
        await suspendUntilCancelled()
        log.record("cancelled \(name)")
        await uncancellableSleep(stopDuration)
        log.record("stopped \(name)")
    }
}

/// Ignores cancellation and keeps running for `runDuration`.
struct StubbornService: Service {
    let name: String
    let log: EventLog
    var runDuration: Duration = .seconds(20)

    func run() async throws {
        log.record("start \(name)")
        await uncancellableSleep(runDuration)
        log.record("stopped \(name)")
    }
}

/// Ends on its own after `delay`, by returning or by throwing `error`.
struct EndingService: Service {
    let name: String
    let log: EventLog
    var delay: Duration = .milliseconds(50)
    var error: TestFailure?

    func run() async throws {
        log.record("start \(name)")
        try await Task.sleep(for: delay)
        log.record("end \(name)")
        if let error { throw error }
    }
}

/// Records the moment its group starts shutting down.
struct ObservingService: Service, GracefulShutdownObserver {
    let name: String
    let log: EventLog

    func run() async throws {
        try await WellBehavedService(name: name, log: log, stopDuration: .zero).run()
    }

    func gracefulShutdownDidBegin() {
        log.record("shutdown began (seen by \(name))")
    }
}
