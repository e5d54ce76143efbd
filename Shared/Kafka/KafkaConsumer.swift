import Foundation

/// A consumer-group member whose records, assignment changes and errors arrive through `events`.
///
/// A dedicated thread runs `rd_kafka_consumer_poll`, which also serves the rebalance callback:
/// on assignment it assigns (from the beginning when `readAssignedPartitionsFromBeginning`), on
/// revocation it commits the stored offsets synchronously before giving the partitions up.
/// Offsets are stored only by `storeOffset` (at-least-once), and committed by auto-commit, on
/// revocation, by `commitStored()` and on `close()`.
public final class KafkaConsumer: Sendable {
    let client: RdKafkaClient
    let context: ConsumerContext
    private let buffer: ConsumerEventBuffer
    private let pollThread: PollThread
    let executor: BlockingExecutor

    /// Creates the consumer, subscribes and starts polling. Joining the group happens in the
    /// background; `.assigned` arrives on `events` when it is done.
    public init(configuration: KafkaConsumerConfiguration) throws(KafkaError) {
        guard !configuration.topics.isEmpty else {
            throw KafkaError(code: .invalidArgument, message: "a consumer needs at least one topic")
        }
        let buffer = ConsumerEventBuffer(capacity: configuration.eventBufferCapacity)
        let context = ConsumerContext(
            buffer: buffer,
            readAssignedPartitionsFromBeginning: configuration.readAssignedPartitionsFromBeginning)
        let unmanagedContext = Unmanaged.passRetained(context)
        let client: RdKafkaClient
        do {
            client = try RdKafkaClient.makeConsumer(
                properties: configuration.librdkafkaProperties, logHandler: configuration.logHandler,
                context: unmanagedContext)
        } catch {
            unmanagedContext.release()
            throw error
        }
        do {
            try client.subscribe(topics: configuration.topics)
        } catch {
            // rd_kafka_destroy of a consumer may block: not on the caller's (pool) thread.
            Thread.detachNewThread {
                client.retireAndDestroy()
                unmanagedContext.release()
            }
            throw error
        }
        self.client = client
        self.context = context
        self.buffer = buffer
        executor = BlockingExecutor(label: "kafka.consumer.\(configuration.clientId).blocking")
        pollThread = PollThread(name: "kafka.consumer.\(configuration.clientId).poll")
        let loop = ConsumerPollLoop(client: client, context: context)
        pollThread.start(
            iteration: { loop.iterate() },
            finish: { loop.finish(releasing: unmanagedContext) })
    }

    deinit {
        // Dropped without close(): the poll thread commits, leaves the group and destroys the
        // handle on its own; nothing here blocks.
        pollThread.requestStop()
    }

    /// The consumer's events. Single reader; ends after `close()`.
    public var events: KafkaConsumerEvents {
        KafkaConsumerEvents(buffer: buffer)
    }

    /// Records waiting in the events buffer (tests and diagnostics).
    var bufferedRecordCount: Int {
        buffer.bufferedRecordCount
    }

    /// Marks `record` processed: stores `offset + 1` for its partition, to be committed later.
    ///
    /// Throws `.partitionNotAssigned` when the partition was revoked meanwhile (the record will be
    /// delivered again to the partition's new owner), `.closed` after close.
    public func storeOffset(_ record: KafkaRecord) throws(KafkaError) {
        try client.storeOffset(record.offset + 1, for: record.topicPartition)
    }

    /// Commits the stored offsets now and waits for the broker's answer. Nothing stored is success.
    public func commitStored() async throws(KafkaError) {
        try await executor.run { [client] in
            Result { () throws(KafkaError) in try client.commitStoredOffsets() }
        }
    }

    /// The partitions currently assigned to this consumer, as the rebalance callback last set
    /// them (empty before the first assignment and after close). Non-blocking.
    public func assignment() -> [KafkaTopicPartition] {
        context.assignment.withLock { $0.partitions }.sorted()
    }

    /// Commits stored offsets, leaves the group (revoking the assignment, which commits again),
    /// destroys the client and ends `events`. Buffered records not yet read are dropped: their
    /// offsets were not stored, so the group delivers them again. Safe to call more than once.
    public func close() async {
        await pollThread.stop()
    }

    /// Whether a Metadata request succeeds within `timeout`.
    public func isBrokerReachable(timeout: Duration) async -> Bool {
        (try? await executor.run { [client] in
            Result { () throws(KafkaError) in try client.metadata(allTopics: false, timeout: timeout) }
        }) != nil
    }
}
