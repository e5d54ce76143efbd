/// The one error type of the dead-letter tool: a code, a message for the operator, retriability,
/// and the process exit status it maps to.
public struct DeadLetterToolError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What went wrong, as an extensible set of codes.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        /// The code's stable name.
        public let rawValue: String

        /// Creates a code; the tool's own codes are the static members below.
        public init(_ rawValue: String) { self.rawValue = rawValue }

        public var description: String { rawValue }

        /// The command line is wrong (exit 64, `EX_USAGE`).
        public static let usage = Code("usage")
        /// No broker answered, or the consumer never got a partition (exit 69, `EX_UNAVAILABLE`).
        public static let brokerUnavailable = Code("brokerUnavailable")
        /// A source topic to replay into does not exist (exit 69).
        public static let sourceTopicMissing = Code("sourceTopicMissing")
        /// The Kafka client failed in a way the operator cannot fix by waiting (exit 69).
        public static let kafka = Code("kafka")
        /// A replay send failed; the replay stopped there to keep the source order (exit 1).
        public static let replayFailed = Code("replayFailed")
        /// Some chosen dead letters cannot be replayed (corrupt payload); the others were (exit 1).
        public static let notReplayable = Code("notReplayable")
        /// The results could not be written (exit 1).
        public static let output = Code("output")
    }

    /// What went wrong.
    public var code: Code
    /// What to tell the operator (never message bodies).
    public var message: String
    /// Whether running the same command again later may succeed.
    public var isRetriable: Bool

    /// Creates an error.
    public init(code: Code, message: String, isRetriable: Bool = false) {
        self.code = code
        self.message = message
        self.isRetriable = isRetriable
    }

    /// A command-line error.
    static func usage(_ message: String) -> DeadLetterToolError {
        DeadLetterToolError(code: .usage, message: message)
    }

    /// The process exit status for this error (sysexits.h where one fits).
    public var exitCode: Int32 {
        switch code {
        case .usage: 64
        case .brokerUnavailable, .sourceTopicMissing, .kafka: 69
        default: 1
        }
    }

    public var description: String { message }
}
