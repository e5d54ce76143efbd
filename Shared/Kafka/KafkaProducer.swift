import Synchronization

/// An idempotent Kafka producer (`enable.idempotence=true`, `acks=all`) whose `send` awaits the
/// broker's acknowledgement.
///
/// Delivery reports arrive as librdkafka events on a dedicated poll thread and resume the waiting
/// `send` by message id. Blocking calls (flush, metadata, destroy) run on a Dispatch queue.
public final class KafkaProducer: Sendable {
    private enum Lifecycle {
        case open
        /// Waiters of a concurrent close(), resumed with `false` ("someone else closed it").
        case closing(waiters: [CheckedContinuation<Bool, Never>])
        case closed
    }

    private let configuration: KafkaProducerConfiguration
    private let client: RdKafkaClient
    private let tracker = DeliveryTracker()
    private let pollThread: PollThread
    private let executor: BlockingExecutor
    private let lifecycle = Mutex(Lifecycle.open)
    /// Set by deinit: the poll thread destroys the handle after its last poll.
    private let destroyWhenPollingEnds = TeardownFlag()

    /// Creates the producer and starts its poll thread. Connecting happens in the background.
    public init(configuration: KafkaProducerConfiguration) throws(KafkaError) {
        self.configuration = configuration
        client = try RdKafkaClient(
            kind: .producer, properties: configuration.librdkafkaProperties, logHandler: configuration.logHandler,
            prepare: RdKafkaClient.enableProducerEvents)
        executor = BlockingExecutor(label: "kafka.producer.\(configuration.clientId).blocking")
        pollThread = PollThread(name: "kafka.producer.\(configuration.clientId).poll")
        pollThread.start(
            iteration: { [client, tracker] in
                for event in client.pollProducerEvents(timeoutMilliseconds: 100) {
                    switch event {
                    case .delivery(let messageId, let outcome):
                        tracker.complete(messageId: messageId, outcome)
                    case .error(let error):
                        if error.isFatal { tracker.recordFatal(error) }
                    }
                }
                client.deliverLogs(waitingUpTo: 0)
            },
            finish: { [client, destroyWhenPollingEnds] in
                client.deliverLogs(waitingUpTo: 0)
                if destroyWhenPollingEnds.isRaised { client.retireAndDestroy() }
            })
    }

    deinit {
        // Dropped without close(): nothing can still await a delivery (send keeps self alive), so
        // the poll thread destroys the handle after its last poll, off any caller's thread.
        let needsTeardown = lifecycle.withLock { state -> Bool in
            if case .open = state { return true }
            return false
        }
        guard needsTeardown else { return }
        tracker.stopAccepting()
        destroyWhenPollingEnds.raise()
        pollThread.requestStop()
    }

    /// Sends one message and waits for its delivery report.
    ///
    /// `partition` nil lets librdkafka's partitioner choose by key. A message that was handed to
    /// librdkafka is not abandoned when the calling task is cancelled: the call still returns its
    /// outcome, at the latest after `messageTimeout`.
    public func send(
        topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = [], partition: Int32? = nil
    ) async throws(KafkaError) -> KafkaDeliveryReport {
        let deadline = ContinuousClock.now.advanced(by: configuration.messageTimeout)
        while true {
            let outcome = await withCheckedContinuation { (continuation: DeliveryTracker.Continuation) in
                let refusal = tracker.enqueue(topic: topic, continuation: continuation) {
                    messageId throws(KafkaError) in
                    try client.produce(
                        messageId: messageId, topic: topic, partition: partition, key: key, value: value,
                        headers: headers)
                }
                if let refusal { continuation.resume(returning: .failure(refusal)) }
            }
            // A full local queue is back-pressure, not failure: wait a little, within the message timeout.
            if case .failure(let error) = outcome, error.code == .queueFull, ContinuousClock.now < deadline,
                !Task.isCancelled
            {
                try? await Task.sleep(for: .milliseconds(10))
                continue
            }
            return try outcome.get()
        }
    }

    /// Waits until every message sent so far has its delivery report.
    public func flush(timeout: Duration) async throws(KafkaError) {
        try await executor.run { [client] in
            Result { () throws(KafkaError) in try client.flush(timeout: timeout) }
        }
    }

    /// Flushes (for at most `closeTimeout`), purges what is left, stops the poll thread and
    /// destroys the client. Later sends fail with `.closed`. Safe to call more than once.
    public func close() async {
        let mustClose = await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
            let decision = lifecycle.withLock { state -> Bool? in
                switch state {
                case .open:
                    state = .closing(waiters: [])
                    return true
                case .closing(let waiters):
                    state = .closing(waiters: waiters + [continuation])
                    return nil
                case .closed:
                    return false
                }
            }
            if let decision { continuation.resume(returning: decision) }
        }
        guard mustClose else { return }

        tracker.stopAccepting()
        let closeTimeout = configuration.closeTimeout
        _ = try? await executor.run { [client] in
            Result { () throws(KafkaError) in try client.flush(timeout: closeTimeout) }
        }
        if tracker.pendingCount > 0 {
            // Undelivered messages get a `.purged` report; give the poll thread a moment to serve them.
            client.purgeAll()
            _ = try? await executor.run { [client] in
                Result { () throws(KafkaError) in try client.flush(timeout: .seconds(2)) }
            }
        }
        await pollThread.stop()
        tracker.failAll(KafkaError(code: .closed, message: "producer closed before the delivery report arrived"))
        _ = try? await executor.run { [client] in
            client.deliverLogs(waitingUpTo: 0)  // the poll thread has stopped: this is the last reader
            client.retireAndDestroy()
            return .success(())
        }
        let waiters = lifecycle.withLock { state -> [CheckedContinuation<Bool, Never>] in
            defer { state = .closed }
            if case .closing(let waiters) = state { return waiters }
            return []
        }
        for waiter in waiters { waiter.resume(returning: false) }
    }

    /// Whether a Metadata request succeeds within `timeout`.
    public func isBrokerReachable(timeout: Duration) async -> Bool {
        (try? await executor.run { [client] in
            Result { () throws(KafkaError) in try client.metadata(allTopics: false, timeout: timeout) }
        }) != nil
    }

    /// The number of partitions of `topic`, from cluster metadata (does not create the topic).
    public func partitionCount(topic: String, timeout: Duration) async throws(KafkaError) -> Int {
        let topics = try await executor.run { [client] in
            Result { () throws(KafkaError) in try client.metadata(allTopics: true, timeout: timeout) }
        }
        guard let count = topics[topic] else {
            throw KafkaError(code: .unknownTopicOrPartition, message: "topic \(topic) not found in metadata")
        }
        return count
    }
}
