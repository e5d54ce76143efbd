/// The one error type of the Kafka module: a code, a message, and whether retrying may help.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, as an extensible set of codes (compare with `==`).
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name, e.g. `"timedOut"`.
        public let rawValue: String

        /// Creates a code; the module's own codes are the static members below.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        /// Could not reach a broker (connection refused, all brokers down, name resolution).
        public static let transport = Code("transport")
        /// A local or broker-side timeout expired before an answer came.
        public static let timedOut = Code("timedOut")
        /// A produced message was not delivered within `messageTimeout`.
        public static let messageTimedOut = Code("messageTimedOut")
        /// The local producer queue is full.
        public static let queueFull = Code("queueFull")
        /// The message is larger than the broker or client allows.
        public static let messageTooLarge = Code("messageTooLarge")
        /// The topic or partition does not exist (yet).
        public static let unknownTopicOrPartition = Code("unknownTopicOrPartition")
        /// The topic exists already (admin).
        public static let topicAlreadyExists = Code("topicAlreadyExists")
        /// The broker does not support the request (e.g. the mock cluster and CreateTopics).
        public static let unsupported = Code("unsupported")
        /// A configuration property was rejected.
        public static let invalidConfiguration = Code("invalidConfiguration")
        /// An argument was rejected by the client library.
        public static let invalidArgument = Code("invalidArgument")
        /// The client hit a fatal error (e.g. idempotence guarantees broken) and must be recreated.
        public static let fatal = Code("fatal")
        /// The client was closed before or while the operation ran.
        public static let closed = Code("closed")
        /// A queued message was purged, because the producer was closed before it could be delivered.
        public static let purged = Code("purged")
        /// An offset was stored for a partition that is not (or no longer) assigned to this consumer.
        public static let partitionNotAssigned = Code("partitionNotAssigned")
        /// There was no stored offset to commit.
        public static let noOffset = Code("noOffset")
        /// The consumer group is rebalancing.
        public static let rebalanceInProgress = Code("rebalanceInProgress")
        /// The client library is in a state that forbids the call.
        public static let invalidState = Code("invalidState")
        /// Authentication or authorization failed.
        public static let notAuthorized = Code("notAuthorized")
        /// Any other error reported by a broker or by librdkafka; see `librdkafkaName`.
        public static let broker = Code("broker")
    }

    /// What went wrong.
    public var code: Code
    /// Human-readable detail (never contains message payloads).
    public var message: String
    /// Whether the same operation may succeed if retried later.
    public var isRetriable: Bool
    /// Whether the client that produced this error is unusable and must be recreated.
    public var isFatal: Bool
    /// librdkafka's numeric error code (`rd_kafka_resp_err_t`), when the error came from librdkafka.
    public var librdkafkaCode: Int32?
    /// librdkafka's error name (e.g. `_TIMED_OUT`), when the error came from librdkafka.
    public var librdkafkaName: String?
    /// Source file where the error was created.
    public var file: String
    /// Source line where the error was created.
    public var line: Int

    /// Creates an error; `file` and `line` default to the caller's position.
    public init(
        code: Code, message: String, isRetriable: Bool = false, isFatal: Bool = false,
        librdkafkaCode: Int32? = nil, librdkafkaName: String? = nil,
        file: String = #fileID, line: Int = #line
    ) {
        self.code = code
        self.message = message
        self.isRetriable = isRetriable
        self.isFatal = isFatal
        self.librdkafkaCode = librdkafkaCode
        self.librdkafkaName = librdkafkaName
        self.file = file
        self.line = line
    }

    /// True when an admin request got no usable answer: the broker does not support it or never
    /// replied. The librdkafka mock cluster answers CreateTopics this way; callers log a warning.
    public var isAdminRequestUnanswered: Bool {
        code == .unsupported || code == .timedOut
    }

    public var description: String {
        var text = "KafkaError.\(code): \(message)"
        if let librdkafkaName { text += " [\(librdkafkaName)]" }
        if isFatal { text += " (fatal)" } else if isRetriable { text += " (retriable)" }
        return text + " at \(file):\(line)"
    }
}
