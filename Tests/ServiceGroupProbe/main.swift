// A test executable for ServiceRuntimeTests: a service group whose only service ignores
// cancellation and, once asked to stop, blocks every thread of the cooperative pool. Only a second
// signal handled outside the concurrency runtime can end it before its grace period (10 minutes).
import Foundation
import ServiceRuntime

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Prints `READY`, then on cancellation occupies every cooperative thread with a blocking sleep.
struct PoolBlockingService: Service {
    let logger: Logger

    func run() async throws {
        FileHandle.standardOutput.write(Data("READY\n".utf8))
        await OneShotEvent().wait()  // returns when the group cancels this service
        let threads = max(2, ProcessInfo.processInfo.activeProcessorCount) + 2
        logger.notice("probe: blocking the cooperative pool", ["threads": "\(threads)"])
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<threads {
                group.addTask { sleep(600) }
            }
        }
    }
}

let logger = Logger(service: "servicegroup-probe", instance: "probe", level: .debug)
let group = ServiceGroup(
    services: [("blocking", PoolBlockingService(logger: logger))], gracePeriod: .seconds(600), logger: logger)
do {
    try await group.run()
    exit(0)
} catch {
    exit(2)
}
