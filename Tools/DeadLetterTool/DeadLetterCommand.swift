/// What the command line asks the tool to do.
public enum DeadLetterCommand: Sendable, Equatable {
    /// Print a usage text and exit 0.
    case help(DeadLetterUsage.Subject)
    /// `deadletter list`.
    case list(ListOptions)
    /// `deadletter replay`.
    case replay(ReplayOptions)
}

/// How to reach the broker and when to consider the dead-letter topic read to its end.
public struct ConnectionOptions: Sendable, Equatable {
    /// `--bootstrap`, else `KAFKA_BOOTSTRAP_SERVERS`, else `localhost:9092`.
    public var bootstrapServers: String
    /// `--idle-ms`: reading stops after this long without a new record (see `KafkaDeadLetterSource`).
    public var idle: Duration

    /// Default for `--idle-ms`.
    public static let defaultIdle: Duration = .milliseconds(3000)

    /// Creates connection options.
    public init(bootstrapServers: String, idle: Duration = defaultIdle) {
        self.bootstrapServers = bootstrapServers
        self.idle = idle
    }
}

/// Options of `deadletter list`.
public struct ListOptions: Sendable, Equatable {
    /// Broker and end-of-topic settings.
    public var connection: ConnectionOptions
    /// Which dead letters to show.
    public var filter: DeadLetterFilter
    /// `--json`: one JSON object per line instead of the table.
    public var json: Bool

    /// Creates list options.
    public init(connection: ConnectionOptions, filter: DeadLetterFilter = DeadLetterFilter(), json: Bool = false) {
        self.connection = connection
        self.filter = filter
        self.json = json
    }
}

/// Options of `deadletter replay`.
public struct ReplayOptions: Sendable, Equatable {
    /// Broker and end-of-topic settings.
    public var connection: ConnectionOptions
    /// Which dead letters to replay; the reason is always set.
    public var filter: DeadLetterFilter
    /// `--dry-run`: show what would be replayed and publish nothing.
    public var dryRun: Bool
    /// `--limit`: replay at most this many (the first in source order).
    public var limit: Int?

    /// Creates replay options.
    public init(connection: ConnectionOptions, filter: DeadLetterFilter, dryRun: Bool = false, limit: Int? = nil) {
        self.connection = connection
        self.filter = filter
        self.dryRun = dryRun
        self.limit = limit
    }
}
