import Foundation
import Messaging
import ServiceRuntime

/// Turns the command line into a `DeadLetterCommand`, or a usage error that says what is wrong.
public enum DeadLetterArguments {
    /// The environment variable naming the brokers (`--bootstrap` wins).
    public static let bootstrapVariable = "KAFKA_BOOTSTRAP_SERVERS"
    /// Used when neither `--bootstrap` nor `KAFKA_BOOTSTRAP_SERVERS` is set.
    public static let defaultBootstrapServers = "localhost:9092"

    private static let connectionOptions: Set<String> = ["--bootstrap", "--idle-ms"]
    private static let filterOptions: Set<String> = [
        "--reason", "--source-topic", "--source-partition", "--offset-from", "--offset-to",
    ]

    /// Parses `arguments` (without the program name).
    public static func parse(
        _ arguments: [String], environment: EnvironmentReader = EnvironmentReader()
    ) throws(DeadLetterToolError) -> DeadLetterCommand {
        guard let subcommand = arguments.first else {
            throw .usage("a command is needed: list or replay")
        }
        let rest = arguments.dropFirst()
        switch subcommand {
        case "-h", "--help":
            return .help(.general)
        case "help":
            guard rest.count <= 1 else { throw .usage("help takes at most one command name") }
            guard let name = rest.first else { return .help(.general) }
            guard name == "list" || name == "replay" else { throw .usage("unknown command '\(name)'") }
            return .help(DeadLetterUsage.Subject(subcommand: name))
        case "list", "replay":
            // As with CommandLineHelp: help wins over any other mistake on the line.
            if rest.contains(where: { $0 == "--help" || $0 == "-h" }) {
                return .help(DeadLetterUsage.Subject(subcommand: subcommand))
            }
            return subcommand == "list"
                ? .list(try parseList(rest, environment: environment))
                : .replay(try parseReplay(rest, environment: environment))
        default:
            if subcommand.hasPrefix("-") { throw .usage("a command is needed before '\(subcommand)': list or replay") }
            throw .usage("unknown command '\(subcommand)': expected list or replay")
        }
    }

    private static func parseList(
        _ arguments: ArraySlice<String>, environment: EnvironmentReader
    ) throws(DeadLetterToolError) -> ListOptions {
        let flags = try CommandLineFlags(
            arguments, command: "list", options: connectionOptions.union(filterOptions), switches: ["--json"])
        return ListOptions(
            connection: try connection(flags, environment: environment), filter: try filter(flags),
            json: flags.has("--json"))
    }

    private static func parseReplay(
        _ arguments: ArraySlice<String>, environment: EnvironmentReader
    ) throws(DeadLetterToolError) -> ReplayOptions {
        let flags = try CommandLineFlags(
            arguments, command: "replay", options: connectionOptions.union(filterOptions).union(["--limit"]),
            switches: ["--dry-run"])
        let filter = try filter(flags)
        guard filter.reason != nil else {
            throw .usage("replay needs --reason (one of \(DeadLetterUsage.reasons))")
        }
        return ReplayOptions(
            connection: try connection(flags, environment: environment), filter: filter,
            dryRun: flags.has("--dry-run"), limit: try flags.integer("--limit", as: Int.self, in: 1...Int.max))
    }

    private static func connection(
        _ flags: CommandLineFlags, environment: EnvironmentReader
    ) throws(DeadLetterToolError) -> ConnectionOptions {
        let bootstrap =
            try flags.string("--bootstrap") ?? environment.optionalString(bootstrapVariable) ?? defaultBootstrapServers
        let idleMilliseconds = try flags.integer("--idle-ms", as: Int.self, in: 100...600_000) ?? 3000
        return ConnectionOptions(bootstrapServers: bootstrap, idle: .milliseconds(idleMilliseconds))
    }

    private static func filter(_ flags: CommandLineFlags) throws(DeadLetterToolError) -> DeadLetterFilter {
        var filter = DeadLetterFilter()
        if let text = try flags.string("--reason") {
            let wanted = text.lowercased().replacingOccurrences(of: "-", with: "_")
            guard let reason = DeadLetterV1.Reason(rawValue: wanted) else {
                throw .usage("--reason expects one of \(DeadLetterUsage.reasons), got '\(text.prefix(40))'")
            }
            filter.reason = reason
        }
        filter.sourceTopic = try flags.string("--source-topic")
        filter.sourcePartition = try flags.integer("--source-partition", as: Int32.self, in: 0...Int32.max)
        let from = try flags.integer("--offset-from", as: Int64.self, in: 0...Int64.max)
        let to = try flags.integer("--offset-to", as: Int64.self, in: 0...Int64.max)
        if from != nil || to != nil {
            let lower = from ?? 0
            let upper = to ?? Int64.max
            guard lower <= upper else {
                throw .usage("--offset-from (\(lower)) is greater than --offset-to (\(upper))")
            }
            filter.sourceOffsets = lower...upper
        }
        return filter
    }
}
