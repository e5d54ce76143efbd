import Dispatch

/// Runs blocking librdkafka calls on a Dispatch queue behind a continuation, so the cooperative
/// thread pool never blocks in C.
struct BlockingExecutor: Sendable {
    private let queue: DispatchQueue

    /// A concurrent queue: metadata requests, flushes and commits of one client may overlap.
    init(label: String) {
        queue = DispatchQueue(label: label, attributes: .concurrent)
    }

    /// Runs `body` on the queue and returns its result.
    func run<Success: Sendable>(
        _ body: @escaping @Sendable () -> Result<Success, KafkaError>
    ) async throws(KafkaError) -> Success {
        let result = await withCheckedContinuation {
            (continuation: CheckedContinuation<Result<Success, KafkaError>, Never>) in
            queue.async { continuation.resume(returning: body()) }
        }
        return try result.get()
    }

    /// Runs `body` on the queue without waiting for it.
    func detach(_ body: @escaping @Sendable () -> Void) {
        queue.async(execute: body)
    }
}
