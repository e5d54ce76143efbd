import Dispatch
import Foundation

/// Runs services side by side and shuts them down gracefully, in the spirit of swift-service-lifecycle.
///
/// Each service runs as a child task of a task group. Shutdown begins on `SIGTERM` or `SIGINT`, on
/// `triggerGracefulShutdown()`, when the task running the group is cancelled, or when any service
/// returns or throws. Then services that observe shutdown are told (`GracefulShutdownObserver`) and
/// services are cancelled one by one in reverse registration order, each awaited for up to the
/// time left in the grace period. When the grace period runs out the remaining services are
/// cancelled together and `run()` returns without waiting for them. A second signal ends the
/// process at once with exit status 1 (`SecondSignalAction.exitProcess`, the default).
/// `run()` rethrows the first error a service threw; every step is logged.
public struct ServiceGroup: Sendable {
    struct Entry: Sendable {
        let name: String
        let service: any Service
    }

    private let entries: [Entry]
    private let gracePeriod: Duration
    private let logger: Logger
    private let signals: [Int32]
    private let secondSignal: SecondSignalAction
    private let coordinator: ServiceGroupCoordinator

    /// Creates a group.
    /// - Parameters:
    ///   - services: named services, in start order (shut down in reverse order: register the
    ///     health server first so it answers until the end).
    ///   - gracePeriod: the time all services together get to stop after shutdown begins.
    ///   - logger: receives one line per lifecycle step.
    ///   - signals: signals that begin shutdown; `[]` leaves the process's signal handling alone (tests).
    ///   - secondSignal: what a second signal does: by default the process exits at once (status 1).
    public init(
        services: [(name: String, service: any Service)], gracePeriod: Duration, logger: Logger,
        signals: [Int32] = [SIGTERM, SIGINT], secondSignal: SecondSignalAction = .exitProcess
    ) {
        self.entries = services.map { Entry(name: $0.name, service: $0.service) }
        self.gracePeriod = gracePeriod
        self.logger = logger
        self.signals = signals
        self.secondSignal = secondSignal
        self.coordinator = ServiceGroupCoordinator(serviceCount: services.count)
    }

    /// Begins a graceful shutdown, exactly as a `SIGTERM` would. Callable from anywhere, any number of
    /// times, even before `run()` (which then stops its services straight away).
    public func triggerGracefulShutdown() {
        if coordinator.requestShutdown(.requested) {
            logger.notice("graceful shutdown requested")
        }
    }

    /// Whether shutdown has begun.
    public var isShuttingDown: Bool { coordinator.reason != nil }

    /// Runs every service until shutdown completes. Call once.
    /// - Returns: why the group stopped and which services stopped in time.
    /// - Throws: the first error a service threw (other than `CancellationError`).
    @discardableResult
    public func run() async throws -> ServiceGroupReport {
        let firstRun = coordinator.markStarted()
        precondition(firstRun, "ServiceGroup.run() may be called only once")
        logger.notice(
            "service group starting",
            ["services": entries.map(\.name).joined(separator: ","), "grace_period": Self.format(gracePeriod)])
        let listener = SignalListener(signals: signals) { [self] number in handleSignal(number) }
        defer { listener.stop() }

        let supervisor = Task { [entries, coordinator, logger] in
            await withTaskGroup(of: Void.self) { group in
                for (index, entry) in entries.enumerated() {
                    group.addTask {
                        await Self.runService(index: index, entry: entry, coordinator: coordinator, logger: logger)
                    }
                }
            }
        }
        let coordinator = self.coordinator
        await withTaskCancellationHandler {
            await coordinator.shutdownRequested.wait()
        } onCancel: {
            coordinator.requestShutdown(.cancelled)
        }
        // The shutdown sequence runs in its own task: cancelling `run()` must not cut the grace period short.
        let report = await Task { [self] in await shutDown(supervisor: supervisor) }.value
        if let error = coordinator.firstError { throw error }
        return report
    }

    // MARK: - Steps

    private func handleSignal(_ number: Int32) {
        // Signals are handled one at a time on the listener's serial queue; log before acting, so
        // the line is written before `run()` can return.
        let name = ShutdownReason.signalName(number)
        if !isShuttingDown {
            logger.notice("signal received", ["signal": name])
            coordinator.requestShutdown(.signal(number))
        } else if secondSignal == .exitProcess {
            // Only a synchronous write and `_exit`: the concurrency runtime may be the thing that
            // is stuck (a deadlocked cancellation handler), so no Task.cancel, no await.
            logger.critical(
                "second signal received: exiting at once", ["signal": name, "exit_status": "\(SecondSignalAction.exitStatus)"])
            SecondSignalAction.exitNow()
        } else if !coordinator.forceRequested.isFired {
            logger.warning("second signal received: no longer waiting for services", ["signal": name])
            coordinator.forceRequested.fire()
        }
    }

    /// Runs one service as a child task, cancelling it when its cancel event fires.
    private static func runService(
        index: Int, entry: Entry, coordinator: ServiceGroupCoordinator, logger: Logger
    ) async {
        let result = await withTaskGroup(of: Result<Void, any Error>?.self) { group in
            group.addTask {
                do {
                    try await entry.service.run()
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            group.addTask {
                await coordinator.cancelRequested[index].wait()
                return nil
            }
            var outcome: Result<Void, any Error> = .success(())
            // Either the service ended (stop the cancel waiter) or cancellation was requested
            // (cancel the service and keep waiting for it): both end in cancelAll.
            while let next = await group.next() {
                if let next { outcome = next }
                group.cancelAll()
            }
            return outcome
        }
        let began = coordinator.serviceFinished(index: index, name: entry.name, result: result)
        switch result {
        case .failure(let error) where !(error is CancellationError):
            let message = began ? "service failed; shutting down the group" : "service failed while stopping"
            logger.error(message, ["service_name": entry.name, "error": "\(error)"])
        default:
            if began {
                logger.warning("service finished on its own; shutting down the group", ["service_name": entry.name])
            }
        }
    }

    private func shutDown(supervisor: Task<Void, Never>) async -> ServiceGroupReport {
        let reason = coordinator.reason ?? .cancelled
        let start = ContinuousClock.now
        let deadline = start + gracePeriod
        logger.notice("shutting down", ["reason": reason.description, "grace_period": Self.format(gracePeriod)])
        for entry in entries {
            (entry.service as? any GracefulShutdownObserver)?.gracefulShutdownDidBegin()
        }
        for index in entries.indices.reversed() {
            let name = entries[index].name
            if coordinator.finished[index].isFired {
                logger.info("service already stopped", ["service_name": name])
                continue
            }
            logger.notice("stopping service", ["service_name": name])
            let stepStart = ContinuousClock.now
            coordinator.cancelRequested[index].fire()
            let stopped = await coordinator.finished[index].wait(until: deadline, orUntil: coordinator.forceRequested)
            guard stopped else {
                let why = coordinator.forceRequested.isFired ? "second signal" : "grace period exceeded"
                logger.error("service did not stop: \(why)", ["service_name": name])
                break
            }
            logger.notice(
                "service stopped", ["service_name": name, "elapsed": Self.format(ContinuousClock.now - stepStart)])
        }
        let unfinished = entries.indices.filter { !coordinator.finished[$0].isFired }
        if unfinished.isEmpty {
            await supervisor.value
        } else {
            for index in unfinished { coordinator.cancelRequested[index].fire() }
            supervisor.cancel()
            logger.error(
                "returning without waiting for services",
                ["services": unfinished.map { entries[$0].name }.joined(separator: ",")])
        }
        logger.notice(
            "service group stopped",
            ["reason": reason.description, "elapsed": Self.format(ContinuousClock.now - start)])
        return ServiceGroupReport(
            reason: reason, stopped: coordinator.finishOrder.map { entries[$0].name },
            unfinished: unfinished.map { entries[$0].name })
    }

    /// `1500ms`-style text for logs.
    static func format(_ duration: Duration) -> String {
        "\(duration.wholeMilliseconds)ms"
    }
}
