/// Command-line options of `kafka-mock-broker`.
struct BrokerOptions: Sendable {
    /// A topic the host pre-creates before it reports ready.
    struct TopicSpec: Sendable, Equatable {
        var name: String
        var partitions: Int32
        /// nil = as many replicas as brokers, at most 3.
        var replicationFactor: Int32?
    }

    /// Why the command line was rejected.
    struct UsageError: Error, CustomStringConvertible {
        var description: String
    }

    static let defaultTopics: [TopicSpec] = [
        TopicSpec(name: "smartwhale.data.watches", partitions: 6),
        TopicSpec(name: "smartwhale.data.slots", partitions: 6),
        TopicSpec(name: "smartwhale.data.checks", partitions: 6),
        TopicSpec(name: "smartwhale.data.notifications", partitions: 6),
        TopicSpec(name: "smartwhale.data.deadletter", partitions: 3),
        // Partitioned like the watches: the scraper writes each target's state to the partition
        // number of its watch record.
        TopicSpec(name: "smartwhale.data.slot-state", partitions: 6),
    ]

    static let usage = """
        Usage: kafka-mock-broker [options]

        Hosts librdkafka's mock Kafka cluster on loopback for tests and local runs.
        Prints `READY <bootstrap>` on stdout once the cluster listens, then runs until SIGTERM/SIGINT.

        Options:
          --brokers N                 number of mock brokers (default 1)
          --topic NAME:PARTITIONS[:RF] pre-create a topic (repeatable). Without any --topic the
                                      smartwhale.data.{watches,slots,checks,notifications,slot-state}:6
                                      and smartwhale.data.deadletter:3 topics are created.
          --no-default-topics         create no topic unless --topic is given
          --bootstrap-file PATH       write the bootstrap address to PATH when ready (removed on exit)
          --control PATH              create a FIFO at PATH and read control commands from it
          --debug CONTEXTS            librdkafka debug contexts for the host (e.g. mock,protocol)
          -h, --help                  print this help

        Control commands (one per line, written to the FIFO; results are printed on stdout):
          broker-down ID|all          disconnect a broker and refuse new connections
          broker-up ID|all            accept connections again
          broker-rtt ID|all MS        add MS milliseconds of round-trip delay
          request-errors APIKEY ERR [ERR...]
                                      the next requests with APIKEY (number or name, e.g. Produce)
                                      fail with the given errors (number or name, e.g. NOT_LEADER_FOR_PARTITION)
          clear-errors APIKEY         drop the queued request errors of APIKEY
          topic-error TOPIC ERR       Metadata reports ERR for TOPIC (NO_ERROR clears it)
          create-topic NAME PARTITIONS [RF]
                                      create a topic
          partition-leader TOPIC PARTITION ID
                                      move a partition's leader
        """

    var brokerCount: Int32 = 1
    var topics: [TopicSpec] = defaultTopics
    var bootstrapFile: String?
    var controlPath: String?
    var debugContexts: String?
    var showHelp = false

    /// Parses `arguments` (without the program name).
    init(arguments: [String]) throws(UsageError) {
        var explicitTopics: [TopicSpec] = []
        var noDefaults = false
        var index = 0
        func value(_ flag: String) throws(UsageError) -> String {
            index += 1
            guard index < arguments.count else { throw UsageError(description: "\(flag) needs a value") }
            return arguments[index]
        }
        while index < arguments.count {
            let argument = arguments[index]
            switch argument {
            case "-h", "--help":
                showHelp = true
            case "--brokers":
                let text = try value(argument)
                guard let count = Int32(text), (1...16).contains(count) else {
                    throw UsageError(description: "--brokers wants 1...16, got \(text)")
                }
                brokerCount = count
            case "--topic":
                explicitTopics.append(try Self.parseTopic(try value(argument)))
            case "--no-default-topics":
                noDefaults = true
            case "--bootstrap-file":
                bootstrapFile = try value(argument)
            case "--control":
                controlPath = try value(argument)
            case "--debug":
                debugContexts = try value(argument)
            default:
                throw UsageError(description: "unknown argument \(argument)")
            }
            index += 1
        }
        if !explicitTopics.isEmpty {
            topics = explicitTopics
        } else if noDefaults {
            topics = []
        }
    }

    /// Parses `name:partitions[:replicationFactor]`.
    static func parseTopic(_ text: String) throws(UsageError) -> TopicSpec {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 || parts.count == 3, !parts[0].isEmpty,
            let partitions = Int32(parts[1]), partitions > 0
        else {
            throw UsageError(description: "--topic wants NAME:PARTITIONS[:RF], got \(text)")
        }
        var replicationFactor: Int32?
        if parts.count == 3 {
            guard let factor = Int32(parts[2]), factor > 0 else {
                throw UsageError(description: "bad replication factor in \(text)")
            }
            replicationFactor = factor
        }
        return TopicSpec(name: parts[0], partitions: partitions, replicationFactor: replicationFactor)
    }
}
