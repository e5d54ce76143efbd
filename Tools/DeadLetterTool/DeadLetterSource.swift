/// Reads every dead letter currently on the dead-letter topic.
///
/// The port the commands use; `KafkaDeadLetterSource` is the adapter, tests use an in-memory one.
public protocol DeadLetterSource: Sendable {
    /// Reads the topic from its beginning to its (current) end.
    func scan() async throws(DeadLetterToolError) -> DeadLetterScan
}
