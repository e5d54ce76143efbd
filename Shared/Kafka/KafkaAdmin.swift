/// Cluster administration: topic listing and creation.
///
/// Every call blocks in librdkafka, so each runs on a Dispatch queue behind a continuation.
public final class KafkaAdmin: Sendable {
    private let client: RdKafkaClient
    private let executor: BlockingExecutor
    private let closed = Locked(false)

    /// Creates an admin client (a librdkafka handle that connects lazily).
    public init(bootstrapServers: String, clientId: String) throws(KafkaError) {
        client = try RdKafkaClient(
            kind: .producer,
            properties: [("bootstrap.servers", bootstrapServers), ("client.id", clientId)])
        executor = BlockingExecutor(label: "kafka.admin.\(clientId).blocking")
    }

    deinit {
        close()
    }

    /// Topic names with their partition counts.
    public func listTopics(timeout: Duration) async throws(KafkaError) -> [String: Int] {
        try await executor.run { [client] in
            Result { () throws(KafkaError) in try client.metadata(allTopics: true, timeout: timeout) }
        }
    }

    /// Creates the topics of `specs` that do not exist yet and returns their names; existing
    /// topics are left alone (their partition count is not changed).
    ///
    /// A broker that does not answer CreateTopics (librdkafka's mock cluster) yields an error with
    /// code `.unsupported` or `.timedOut` (`isAdminRequestUnanswered`): callers log a warning.
    /// `timeout` applies to the listing and to the creation separately.
    public func ensureTopics(_ specs: [KafkaTopicSpec], timeout: Duration) async throws(KafkaError) -> [String] {
        let existing = try await listTopics(timeout: timeout)
        var seen = Set<String>()
        let missing = specs.filter { existing[$0.name] == nil && seen.insert($0.name).inserted }
        guard !missing.isEmpty else { return [] }
        return try await executor.run { [client] in
            Result { () throws(KafkaError) in try client.createTopics(missing, timeout: timeout) }
        }
    }

    /// Releases the client in the background, once running calls have finished. Idempotent;
    /// later calls fail with `.closed`.
    public func close() {
        let first = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        executor.detach { [client] in client.retireAndDestroy() }
    }
}
