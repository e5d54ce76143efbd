import Synchronization

/// Matches delivery reports to the `send` calls awaiting them, by message id.
///
/// The id travels through librdkafka as the message's opaque pointer value; the continuation stays
/// here, on the Swift side.
final class DeliveryTracker: Sendable {
    typealias Continuation = CheckedContinuation<Result<KafkaDeliveryReport, KafkaError>, Never>

    private struct Pending {
        var topic: String
        var continuation: Continuation
    }

    private struct State {
        var accepting = true
        var nextMessageId: UInt = 1
        var pending: [UInt: Pending] = [:]
        var fatalError: KafkaError?
    }

    private let state = Mutex(State())

    /// Registers `continuation` under a fresh id and runs `produce` with that id, atomically with
    /// respect to `stopAccepting()`: once that returns, no more messages reach librdkafka.
    /// Returns the error instead of registering when the message could not be enqueued.
    func enqueue(
        topic: String, continuation: Continuation, produce: (UInt) throws(KafkaError) -> Void
    ) -> KafkaError? {
        state.withLock { state -> KafkaError? in
            if let fatalError = state.fatalError { return fatalError }
            guard state.accepting else { return KafkaError(code: .closed, message: "producer is closed") }
            let messageId = state.nextMessageId
            state.nextMessageId &+= 1
            if state.nextMessageId == 0 { state.nextMessageId = 1 }  // 0 would be a null opaque pointer
            do throws(KafkaError) {
                try produce(messageId)
            } catch {
                return error
            }
            state.pending[messageId] = Pending(topic: topic, continuation: continuation)
            return nil
        }
    }

    /// Resumes the sender of `messageId` with its delivery outcome.
    func complete(messageId: UInt, _ outcome: Result<(partition: Int32, offset: Int64), KafkaError>) {
        guard let pending = state.withLock({ $0.pending.removeValue(forKey: messageId) }) else { return }
        pending.continuation.resume(
            returning: outcome.map {
                KafkaDeliveryReport(topic: pending.topic, partition: $0.partition, offset: $0.offset)
            })
    }

    /// Remembers a fatal error: later sends fail with it at once.
    func recordFatal(_ error: KafkaError) {
        state.withLock { state in
            if state.fatalError == nil { state.fatalError = error }
        }
    }

    /// Refuses new messages from now on.
    func stopAccepting() {
        state.withLock { $0.accepting = false }
    }

    /// Fails every sender still waiting (used after the poll thread stopped).
    func failAll(_ error: KafkaError) {
        let pending = state.withLock { state in
            defer { state.pending.removeAll() }
            return Array(state.pending.values)
        }
        for entry in pending { entry.continuation.resume(returning: .failure(error)) }
    }

    /// Number of messages awaiting a delivery report.
    var pendingCount: Int {
        state.withLock { $0.pending.count }
    }
}
