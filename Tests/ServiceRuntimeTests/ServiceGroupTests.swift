import Foundation
import ServiceRuntime
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct ServiceGroupTests {
    private func group(
        _ services: [(name: String, service: any Service)], grace: Duration = .seconds(5), signals: [Int32] = [],
        secondSignal: SecondSignalAction = .stopWaiting
    ) -> (ServiceGroup, LogBuffer) {
        let buffer = LogBuffer()
        let logger = Logger(service: "test", instance: "t", level: .debug, sink: .buffer(buffer))
        return (
            ServiceGroup(services: services, gracePeriod: grace, logger: logger, signals: signals, secondSignal: secondSignal),
            buffer
        )
    }

    /// Sends `number` to this process until `condition` holds: a dispatch signal source registers
    /// asynchronously, so the first signal may arrive before it listens (and is then ignored).
    private func sendSignal(_ number: Int32, until condition: @Sendable () -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + .seconds(5)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            kill(getpid(), number)
            if await eventually(timeout: .milliseconds(300), condition) { return true }
        }
        return condition()
    }

    private func messages(_ buffer: LogBuffer) -> [String] {
        buffer.lines.compactMap { jsonObject($0)?["msg"] as? String }
    }

    @Test func shutsDownInReverseOrderOneByOne() async throws {
        let log = EventLog()
        let (group, buffer) = group([
            ("a", WellBehavedService(name: "a", log: log)),
            ("b", WellBehavedService(name: "b", log: log)),
            ("c", WellBehavedService(name: "c", log: log)),
        ])
        let run = Task { try await group.run() }
        #expect(await eventually { ["a", "b", "c"].allSatisfy { log.contains("start \($0)") } })
        #expect(!group.isShuttingDown)
        group.triggerGracefulShutdown()
        let report = try await run.value
        #expect(group.isShuttingDown)
        #expect(report.reason == .requested)
        #expect(report.stopped == ["c", "b", "a"])
        #expect(report.unfinished.isEmpty && report.completedInTime)
        let stopEvents = log.all.filter { !$0.hasPrefix("start") }
        #expect(stopEvents == ["cancelled c", "stopped c", "cancelled b", "stopped b", "cancelled a", "stopped a"])
        let steps = messages(buffer)
        #expect(steps.first == "service group starting")
        #expect(steps.contains("shutting down") && steps.last == "service group stopped")
        #expect(steps.filter { $0 == "stopping service" }.count == 3)
        #expect(steps.filter { $0 == "service stopped" }.count == 3)
    }

    @Test func gracePeriodBoundsTheWholeShutdown() async throws {
        let log = EventLog()
        let (group, buffer) = group(
            [
                ("a", WellBehavedService(name: "a", log: log)),
                ("stubborn", StubbornService(name: "stubborn", log: log)),
                ("c", WellBehavedService(name: "c", log: log)),
            ], grace: .milliseconds(400))
        let run = Task { try await group.run() }
        #expect(
            await eventually { log.contains("start a") && log.contains("start stubborn") && log.contains("start c") })
        let start = ContinuousClock.now
        group.triggerGracefulShutdown()
        let report = try await run.value
        let elapsed = ContinuousClock.now - start
        // It waited for the grace period; that it did not wait for the stubborn service's 20 s
        // shows in `unfinished` (no upper bound on a busy machine's clock).
        #expect(elapsed >= .milliseconds(350))
        #expect(report.stopped.first == "c")
        #expect(report.unfinished.contains("stubborn"))
        #expect(!report.completedInTime)
        // The service after the stubborn one still gets cancelled, though nobody waits for it.
        #expect(await eventually { log.contains("cancelled a") })
        #expect(messages(buffer).contains("service did not stop: grace period exceeded"))
        #expect(messages(buffer).contains("returning without waiting for services"))
    }

    @Test func aFailingServiceStopsTheOthersAndItsErrorIsRethrown() async throws {
        let log = EventLog()
        let (group, buffer) = group([
            ("a", WellBehavedService(name: "a", log: log)),
            ("failing", EndingService(name: "failing", log: log, error: TestFailure(message: "boom"))),
            ("c", WellBehavedService(name: "c", log: log)),
        ])
        await #expect(throws: TestFailure(message: "boom")) { try await group.run() }
        #expect(log.contains("stopped a") && log.contains("stopped c"))
        let stopEvents = log.all.filter { $0.hasPrefix("cancelled") }
        #expect(stopEvents == ["cancelled c", "cancelled a"])
        let failure = try #require(
            buffer.lines.compactMap(jsonObject).first {
                $0["msg"] as? String == "service failed; shutting down the group"
            })
        #expect(failure["service_name"] as? String == "failing")
        #expect(failure["error"] as? String == #"TestFailure(message: "boom")"#)
    }

    @Test func aServiceReturningOnItsOwnStopsTheGroup() async throws {
        let log = EventLog()
        let (group, _) = group([
            ("a", WellBehavedService(name: "a", log: log)),
            ("oneshot", EndingService(name: "oneshot", log: log)),
        ])
        let report = try await group.run()
        #expect(report.reason == .serviceFinished("oneshot"))
        #expect(report.stopped == ["oneshot", "a"])
    }

    @Test func triggerBeforeRunStopsAtOnce() async throws {
        let log = EventLog()
        let (group, _) = group([("a", WellBehavedService(name: "a", log: log, stopDuration: .zero))])
        group.triggerGracefulShutdown()
        let report = try await group.run()
        #expect(report.reason == .requested)
        #expect(report.stopped == ["a"])
    }

    @Test func cancellingTheRunningTaskShutsDownGracefully() async throws {
        let log = EventLog()
        let (group, _) = group([("a", WellBehavedService(name: "a", log: log, stopDuration: .milliseconds(100)))])
        let run = Task { try await group.run() }
        #expect(await eventually { log.contains("start a") })
        run.cancel()
        let report = try await run.value
        #expect(report.reason == .cancelled)
        #expect(report.stopped == ["a"])
        #expect(log.contains("stopped a"))  // the grace period was honoured despite cancellation
    }

    @Test func observersHearOfTheShutdownBeforeAnyServiceIsCancelled() async throws {
        let log = EventLog()
        let (group, _) = group([
            ("observer", ObservingService(name: "observer", log: log)),
            ("b", WellBehavedService(name: "b", log: log)),
        ])
        let run = Task { try await group.run() }
        #expect(await eventually { log.contains("start observer") && log.contains("start b") })
        group.triggerGracefulShutdown()
        _ = try await run.value
        let events = log.all.filter { !$0.hasPrefix("start") }
        #expect(events.first == "shutdown began (seen by observer)")
        #expect(events.filter { $0.hasPrefix("shutdown began") }.count == 1)
    }

    @Test func aSignalStartsTheShutdown() async throws {
        let log = EventLog()
        signal(SIGUSR2, SIG_IGN)  // the group restores this on return, so a late signal cannot kill the test run
        let (group, buffer) = group([("a", WellBehavedService(name: "a", log: log))], signals: [SIGUSR2])
        let run = Task { try await group.run() }
        #expect(await eventually { log.contains("start a") })
        #expect(await sendSignal(SIGUSR2, until: { group.isShuttingDown }))
        let report = try await run.value
        #expect(report.reason == .signal(SIGUSR2))
        #expect(report.stopped == ["a"])
        let received = buffer.lines.compactMap(jsonObject).first { $0["msg"] as? String == "signal received" }
        #expect(received?["signal"] as? String == "SIGUSR2")
    }

    @Test func aSecondSignalStopsWaitingForServices() async throws {
        let log = EventLog()
        signal(SIGUSR1, SIG_IGN)
        let (group, buffer) = group(
            [("stubborn", StubbornService(name: "stubborn", log: log))], grace: .seconds(30), signals: [SIGUSR1])
        let run = Task { try await group.run() }
        #expect(await eventually { log.contains("start stubborn") })
        #expect(await sendSignal(SIGUSR1, until: { group.isShuttingDown }))
        #expect(await eventually { messages(buffer).contains("stopping service") })
        #expect(
            await sendSignal(
                SIGUSR1,
                until: {
                    messages(buffer).contains("second signal received: no longer waiting for services")
                }))
        let report = try await run.value
        // Returned before the stubborn service's 20 s were up (30 s of grace were left).
        #expect(report.unfinished == ["stubborn"])
        #expect(messages(buffer).contains("service did not stop: second signal"))
    }

    @Test func reasonsDescribeThemselves() {
        #expect(ShutdownReason.signal(SIGTERM).description == "signal SIGTERM")
        #expect(ShutdownReason.signal(SIGINT).description == "signal SIGINT")
        #expect(ShutdownReason.serviceFailed("bot").description == "service bot failed")
    }
}
