import Synchronization

/// Cluster administration: topic listing and creation.
///
/// Every call blocks in librdkafka, so each runs on a Dispatch queue behind a continuation.
public final class KafkaAdmin: Sendable {
    private let client: RdKafkaClient
    private let executor: BlockingExecutor
    private let closed = Mutex(false)
    /// With a log handler: the thread that forwards librdkafka's log lines and, after `close()`,
    /// destroys the handle (the admin client has no poll thread of its own otherwise).
    private let logThread: PollThread?

    /// Creates an admin client (a librdkafka handle that connects lazily).
    /// - Parameters:
    ///   - logLevel: librdkafka's `log_level`; nil keeps its default (`.info`).
    ///   - logHandler: receives librdkafka's log lines instead of stderr; nil keeps librdkafka's default.
    public init(
        bootstrapServers: String, clientId: String, logLevel: KafkaLogLevel? = nil,
        logHandler: KafkaLogHandler? = nil
    ) throws(KafkaError) {
        var properties = [("bootstrap.servers", bootstrapServers), ("client.id", clientId)]
        if let logLevel { properties.append(("log_level", String(logLevel.syslogLevel))) }
        let client = try RdKafkaClient(kind: .producer, properties: properties, logHandler: logHandler)
        self.client = client
        executor = BlockingExecutor(label: "kafka.admin.\(clientId).blocking")
        if logHandler != nil {
            let thread = PollThread(name: "kafka.admin.\(clientId).log")
            thread.start(
                iteration: { client.deliverLogs(waitingUpTo: 100) },
                finish: {
                    client.deliverLogs(waitingUpTo: 0)
                    // Waits for calls still running on the executor, then destroys the handle.
                    client.retireAndDestroy()
                })
            logThread = thread
        } else {
            logThread = nil
        }
    }

    deinit {
        close()
    }

    /// Topic names with their partition counts.
    public func listTopics(timeout: Duration) async throws(KafkaError) -> [String: Int] {
        try ensureOpen("list topics")
        return try await executor.run { [client] in
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
        try ensureOpen("ensure topics")
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
        if let logThread {
            logThread.requestStop()
        } else {
            executor.detach { [client] in client.retireAndDestroy() }
        }
    }

    /// Fails at once after `close()`, before the handle (destroyed in the background) is even touched.
    private func ensureOpen(_ operation: String) throws(KafkaError) {
        if closed.withLock({ $0 }) {
            throw KafkaError(code: .closed, message: "\(operation): admin client is closed")
        }
    }
}
