/// Where a replay publishes: the port the replay command uses; `KafkaReplayPublisher` is the
/// adapter, tests use an in-memory one.
public protocol ReplayPublishing: Sendable {
    /// The partition count of `topic`, or nil when the topic does not exist.
    func partitionCount(of topic: String) async throws(DeadLetterToolError) -> Int?
    /// Publishes `message` (to `partition`, or by key when nil) and waits for the acknowledgement.
    func publish(_ message: ReplayMessage, partition: Int32?) async throws(DeadLetterToolError) -> ReplayReceipt
    /// Flushes and releases the connection.
    func close() async
}

/// Where a replayed message landed.
public struct ReplayReceipt: Sendable, Equatable {
    /// Partition of the source topic.
    public var partition: Int32
    /// Its new offset there.
    public var offset: Int64

    /// Creates a receipt.
    public init(partition: Int32, offset: Int64) {
        self.partition = partition
        self.offset = offset
    }
}
