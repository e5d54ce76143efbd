import ServiceRuntime

/// Runs one command line: parses it, runs the command against the injected ports, prints, and
/// returns the exit status.
public struct DeadLetterRunner: Sendable {
    /// Where output goes.
    public var console: any Console
    /// Makes the reader of the dead-letter topic.
    public var makeSource: @Sendable (ConnectionOptions) -> any DeadLetterSource
    /// Makes the publisher a replay uses (not called for `list`).
    public var makePublisher: @Sendable (ConnectionOptions) throws(DeadLetterToolError) -> any ReplayPublishing

    /// Creates a runner; the defaults talk to Kafka.
    public init(
        console: any Console = StandardConsole(),
        makeSource: @escaping @Sendable (ConnectionOptions) -> any DeadLetterSource = {
            KafkaDeadLetterSource(bootstrapServers: $0.bootstrapServers, idle: $0.idle)
        },
        makePublisher: @escaping @Sendable (ConnectionOptions) throws(DeadLetterToolError) -> any ReplayPublishing = {
            (options: ConnectionOptions) throws(DeadLetterToolError) -> any ReplayPublishing in
            try KafkaReplayPublisher(bootstrapServers: options.bootstrapServers)
        }
    ) {
        self.console = console
        self.makeSource = makeSource
        self.makePublisher = makePublisher
    }

    /// Runs `arguments` (without the program name) and returns the exit status.
    public func run(arguments: [String], environment: EnvironmentReader = EnvironmentReader()) async -> Int32 {
        do throws(DeadLetterToolError) {
            switch try DeadLetterArguments.parse(arguments, environment: environment) {
            case .help(let subject):
                console.output(DeadLetterUsage.text(subject))
            case .list(let options):
                let source = makeSource(options.connection)
                try await ListCommand(options: options, source: source, console: console).run()
            case .replay(let options):
                let source = makeSource(options.connection)
                let publisher = try makePublisher(options.connection)
                do throws(DeadLetterToolError) {
                    try await ReplayCommand(options: options, source: source, publisher: publisher, console: console)
                        .run()
                } catch {
                    await publisher.close()
                    throw error
                }
                await publisher.close()
            }
            return 0
        } catch {
            console.diagnostic("deadletter: error: \(error.message)")
            if error.code == .usage {
                let subject = DeadLetterUsage.Subject(subcommand: arguments.first)
                let command = subject == .general ? "deadletter" : "deadletter \(arguments[0])"
                console.diagnostic("Run '\(command) --help' for usage.")
            }
            return error.exitCode
        }
    }
}
