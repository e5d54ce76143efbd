import Messaging

/// The `--help` texts of the tool and its subcommands.
public enum DeadLetterUsage {
    /// Which usage text.
    public enum Subject: Sendable, Equatable {
        /// The tool as a whole.
        case general
        /// `deadletter list`.
        case list
        /// `deadletter replay`.
        case replay

        /// The usage that fits a command line whose first argument is `subcommand`.
        public init(subcommand: String?) {
            switch subcommand {
            case "list": self = .list
            case "replay": self = .replay
            default: self = .general
            }
        }
    }

    /// The text for `subject`.
    public static func text(_ subject: Subject) -> String {
        switch subject {
        case .general: general
        case .list: list
        case .replay: replay
        }
    }

    static let deadLetterTopic = Topic.deadLetter
    static let reasons = DeadLetterV1.Reason.allCases.map(\.rawValue).joined(separator: ", ")

    static let connectionOptions = """
          --bootstrap SERVERS      Kafka bootstrap servers (default: $KAFKA_BOOTSTRAP_SERVERS,
                                   else localhost:9092)
          --idle-ms N              stop reading \(deadLetterTopic) after N ms without a new
                                   record (default 3000, 100...600000; see "End of the topic")
          -h, --help               print this help
        """

    static let filterOptions = """
          --reason R               only this reason, one of:
                                   \(reasons)
          --source-topic T         only messages that came from topic T
          --source-partition P     only messages that came from partition P of their topic
          --offset-from N          only source offsets >= N
          --offset-to M            only source offsets <= M
        """

    static let endOfTopic = """
        End of the topic:
          The dead-letter topic is read from the beginning with a throwaway consumer group (nothing
          is committed). The Kafka module offers no high-watermark query, so the end is taken to be
          reached after --idle-ms without a new record (at most 5 minutes of reading in all); the
          tool says so on standard error. Dead letters written later are not included.
        """

    /// `deadletter --help`.
    public static let general = """
        Usage: deadletter <command> [options]

        Lists the messages SlotHunter's consumers dead-lettered to \(deadLetterTopic) and,
        after a fix, re-publishes chosen ones to their source topic with their original bytes and headers.

        Commands:
          list      count dead letters by reason and list them (table or JSON lines)
          replay    re-publish dead letters of one reason to their source topics

        Run `deadletter <command> --help` for the options of a command.

        Environment:
          KAFKA_BOOTSTRAP_SERVERS  Kafka bootstrap servers (default localhost:9092; --bootstrap wins)

        Exit status: 0 done, 1 a replay stopped on a failed send or skipped corrupt dead letters,
        64 bad arguments, 69 broker unreachable or source topic missing.
        """

    /// `deadletter list --help`.
    public static let list = """
        Usage: deadletter list [--reason R] [--source-topic T] [--source-partition P]
                               [--offset-from N] [--offset-to M] [--json]
                               [--bootstrap SERVERS] [--idle-ms N]

        Reads \(deadLetterTopic) and prints the number of dead letters per reason, then one
        line per dead letter: its place in the dead-letter topic (deadletter/<partition>/<offset>),
        the source topic/partition/offset, the reason, when it was dead-lettered and the detail.
        Lines are in source order, the order `replay` uses.

        Options:
        \(filterOptions)
          --json                   one JSON object per dead letter and line on standard output,
                                   without the counts (notes go to standard error)
        \(connectionOptions)

        \(endOfTopic)
        """

    /// `deadletter replay --help`.
    public static let replay = """
        Usage: deadletter replay --reason R [--source-topic T] [--source-partition P]
                                 [--offset-from N --offset-to M] [--limit K] [--dry-run]
                                 [--bootstrap SERVERS] [--idle-ms N]

        Re-publishes the dead letters that match to their source topic: the original key and value
        bytes and the original headers, plus `dlq-replayed-from: deadletter/<partition>/<offset>`.
        Messages go back to their original partition (to the key's partition when the topic has
        fewer partitions now), one at a time in source order (topic, partition, offset); the
        replay stops at the first failed send so that order is kept. A source position that was
        dead-lettered more than once (e.g. by two consumer groups) is replayed once: every group
        reads the topic again. Running replay twice publishes twice.

        Options:
        \(filterOptions)
          --limit K                replay at most K dead letters (the first K in source order)
          --dry-run                show what would be replayed; publish nothing
        \(connectionOptions)

        \(endOfTopic)
        """
}
