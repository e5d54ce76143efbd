import Messaging
import ServiceRuntime
import Testing

@testable import DeadLetterTool

@Suite("DeadLetterArguments")
struct DeadLetterArgumentsTests {
    private let environment = EnvironmentReader([:])

    private func parse(_ arguments: [String], environment: EnvironmentReader? = nil) throws -> DeadLetterCommand {
        try DeadLetterArguments.parse(arguments, environment: environment ?? self.environment)
    }

    private func usageError(_ arguments: [String]) -> String? {
        do {
            _ = try DeadLetterArguments.parse(arguments, environment: environment)
            return nil
        } catch {
            #expect(error.code == .usage)
            #expect(error.exitCode == 64)
            return error.message
        }
    }

    @Test("list without options reads everything from localhost:9092 with a 3 s idle limit")
    func listDefaults() throws {
        let command = try parse(["list"])
        #expect(command == .list(ListOptions(connection: ConnectionOptions(bootstrapServers: "localhost:9092"))))
        #expect(ConnectionOptions.defaultIdle == .milliseconds(3000))
    }

    @Test("list takes every filter, --json, --idle-ms and --bootstrap, in both spellings")
    func listWithOptions() throws {
        let command = try parse([
            "list", "--reason", "malformed", "--source-topic=smartwhale.data.slots", "--source-partition", "2",
            "--offset-from=10", "--offset-to", "20", "--json", "--idle-ms=500", "--bootstrap", "k1:9092,k2:9092",
        ])
        let expected = ListOptions(
            connection: ConnectionOptions(bootstrapServers: "k1:9092,k2:9092", idle: .milliseconds(500)),
            filter: DeadLetterFilter(
                reason: .malformed, sourceTopic: "smartwhale.data.slots", sourcePartition: 2, sourceOffsets: 10...20),
            json: true)
        #expect(command == .list(expected))
    }

    @Test("--bootstrap wins over KAFKA_BOOTSTRAP_SERVERS, which wins over the default")
    func bootstrapPrecedence() throws {
        let env = EnvironmentReader(["KAFKA_BOOTSTRAP_SERVERS": " kafka:29092 "])
        guard case .list(let fromEnvironment) = try parse(["list"], environment: env) else {
            Issue.record("not a list command")
            return
        }
        #expect(fromEnvironment.connection.bootstrapServers == "kafka:29092")
        guard case .list(let fromFlag) = try parse(["list", "--bootstrap", "other:1"], environment: env) else {
            Issue.record("not a list command")
            return
        }
        #expect(fromFlag.connection.bootstrapServers == "other:1")
    }

    @Test("replay parses its options; an open offset range runs to the end")
    func replayOptions() throws {
        let command = try parse([
            "replay", "--reason", "unsupported_version", "--offset-from", "7", "--dry-run", "--limit", "3",
        ])
        let expected = ReplayOptions(
            connection: ConnectionOptions(bootstrapServers: "localhost:9092"),
            filter: DeadLetterFilter(reason: .unsupportedVersion, sourceOffsets: 7...Int64.max), dryRun: true, limit: 3)
        #expect(command == .replay(expected))
        guard case .replay(let upToOnly) = try parse(["replay", "--reason", "malformed", "--offset-to", "9"]) else {
            Issue.record("not a replay command")
            return
        }
        #expect(upToOnly.filter.sourceOffsets == 0...9)
        #expect(upToOnly.dryRun == false)
        #expect(upToOnly.limit == nil)
    }

    @Test("reasons are matched case-insensitively, with - for _")
    func reasonSpelling() throws {
        guard case .replay(let options) = try parse(["replay", "--reason", "Unsupported-Version"]) else {
            Issue.record("not a replay command")
            return
        }
        #expect(options.filter.reason == .unsupportedVersion)
    }

    @Test("--help and -h anywhere show the help of the command; help wins over mistakes")
    func help() throws {
        #expect(try parse(["--help"]) == .help(.general))
        #expect(try parse(["-h"]) == .help(.general))
        #expect(try parse(["help"]) == .help(.general))
        #expect(try parse(["help", "replay"]) == .help(.replay))
        #expect(try parse(["list", "--bogus", "--help"]) == .help(.list))
        #expect(try parse(["replay", "-h"]) == .help(.replay))
        #expect(DeadLetterUsage.text(.replay).contains("dlq-replayed-from: deadletter/<partition>/<offset>"))
        #expect(DeadLetterUsage.text(.list).contains("--idle-ms N"))
        #expect(DeadLetterUsage.text(.general).contains("KAFKA_BOOTSTRAP_SERVERS"))
    }

    @Test(
        "bad command lines are usage errors that say what is wrong",
        arguments: [
            ([], "a command is needed"),
            (["--json"], "a command is needed before '--json'"),
            (["purge"], "unknown command 'purge'"),
            (["help", "purge"], "unknown command 'purge'"),
            (["list", "extra"], "unexpected argument 'extra'"),
            (["list", "-x"], "unknown option '-x'"),
            (["list", "--limit", "3"], "unknown option '--limit' for 'list'"),
            (["list", "--dry-run"], "unknown option '--dry-run' for 'list'"),
            (["list", "--reason"], "--reason needs a value"),
            (["list", "--reason", "--json"], "--reason needs a value"),
            (["list", "--reason", "nope"], "--reason expects one of malformed, unsupported_version"),
            (["list", "--reason", "malformed", "--reason", "malformed"], "--reason is given more than once"),
            (["list", "--json", "--json"], "--json is given more than once"),
            (["list", "--json=yes"], "--json takes no value"),
            (["list", "--source-topic", ""], "--source-topic needs a non-empty value"),
            (["list", "--bootstrap="], "--bootstrap needs a non-empty value"),
            (["list", "--source-partition", "-1"], "--source-partition expects an integer >= 0"),
            (["list", "--idle-ms", "50"], "--idle-ms expects an integer in 100...600000"),
            (["list", "--idle-ms", "abc"], "--idle-ms expects an integer"),
            (["list", "--offset-from", "9", "--offset-to", "3"], "--offset-from (9) is greater than --offset-to (3)"),
            (["replay"], "replay needs --reason"),
            (["replay", "--reason", "malformed", "--limit", "0"], "--limit expects an integer >= 1"),
            (["replay", "--reason", "malformed", "--json"], "unknown option '--json' for 'replay'"),
        ] as [([String], String)])
    func usageErrors(arguments: [String], expected: String) {
        let message = usageError(arguments)
        #expect(message?.contains(expected) == true, "\(arguments) → \(message ?? "accepted")")
    }
}
