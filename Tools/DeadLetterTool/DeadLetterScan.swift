/// What one read of the dead-letter topic found, and how the read ended.
public struct DeadLetterScan: Sendable, Equatable {
    /// Why reading stopped.
    public enum Ending: Sendable, Equatable {
        /// No new record arrived for this long after the last one (or after the assignment).
        case idle(Duration)
        /// The overall reading limit was reached while records were still arriving.
        case timeLimit(Duration)
    }

    /// A record on the topic that is not a readable `dead.letter` message.
    public struct Skipped: Sendable, Equatable {
        /// Where it is.
        public var position: DeadLetterPosition
        /// Why it was skipped (never the body).
        public var detail: String

        /// Creates a skipped-record note.
        public init(position: DeadLetterPosition, detail: String) {
            self.position = position
            self.detail = detail
        }
    }

    /// The dead letters, in the order they were read.
    public var entries: [DeadLetterEntry]
    /// Records that were not readable dead letters.
    public var skipped: [Skipped]
    /// How the read ended.
    public var ending: Ending
    /// Consumer errors seen while reading (librdkafka retries transient ones by itself).
    public var errors: [String]

    /// Creates a scan result.
    public init(
        entries: [DeadLetterEntry], skipped: [Skipped] = [], ending: Ending = .idle(ConnectionOptions.defaultIdle),
        errors: [String] = []
    ) {
        self.entries = entries
        self.skipped = skipped
        self.ending = ending
        self.errors = errors
    }

    /// How many records were read in all.
    public var recordCount: Int { entries.count + skipped.count }
}
