import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Runs the mock cluster host: start, announce readiness, serve control commands, stop on a signal.
enum BrokerHost {
    /// Runs until SIGTERM/SIGINT and returns the process exit status.
    static func run(arguments: [String]) -> Int32 {
        // Block the stop signals before any thread exists (librdkafka's, the control reader), so
        // every thread inherits the mask and the main thread alone receives them through sigwait.
        var stopSignals = sigset_t()
        sigemptyset(&stopSignals)
        sigaddset(&stopSignals, SIGTERM)
        sigaddset(&stopSignals, SIGINT)
        pthread_sigmask(SIG_BLOCK, &stopSignals, nil)
        // A supervisor that stops reading our stdout must not kill the broker with SIGPIPE.
        signal(SIGPIPE, SIG_IGN)

        let options: BrokerOptions
        do {
            options = try BrokerOptions(arguments: arguments)
        } catch {
            printError("kafka-mock-broker: \(error)\n\(BrokerOptions.usage)")
            return 2
        }
        if options.showHelp {
            say(BrokerOptions.usage)
            return 0
        }

        let cluster: MockCluster
        do {
            cluster = try MockCluster(brokerCount: options.brokerCount, debugContexts: options.debugContexts)
            for topic in options.topics {
                try cluster.createTopic(
                    name: topic.name, partitions: topic.partitions, replicationFactor: topic.replicationFactor)
            }
        } catch {
            printError("kafka-mock-broker: \(error)")
            return 1
        }

        var control: ControlChannel?
        if let path = options.controlPath {
            do {
                let channel = try ControlChannel(path: path)
                channel.start { @Sendable line in handle(line: line, cluster: cluster) }
                control = channel
            } catch {
                printError("kafka-mock-broker: \(error)")
                cluster.shutdown()
                return 1
            }
        }
        if let file = options.bootstrapFile {
            do {
                try writeAtomically(cluster.bootstrapServers, to: file)
            } catch {
                printError("kafka-mock-broker: cannot write \(file): \(error)")
                control?.remove()
                cluster.shutdown()
                return 1
            }
        }

        let topicList = options.topics.map { "\($0.name):\($0.partitions)" }.joined(separator: ",")
        say(
            "kafka-mock-broker: brokers=\(options.brokerCount) topics=[\(topicList)] control=\(options.controlPath ?? "-")"
        )
        say("READY \(cluster.bootstrapServers)")

        var received: Int32 = 0
        while sigwait(&stopSignals, &received) != 0 {}
        say("kafka-mock-broker: signal \(received), shutting down")
        control?.remove()
        if let file = options.bootstrapFile { unlink(file) }
        cluster.shutdown()
        say("STOPPED")
        return 0
    }

    private static func handle(line: String, cluster: MockCluster) {
        do {
            guard let command = try ControlCommand.parse(line) else { return }
            say("OK \(try cluster.apply(command))")
        } catch {
            say("ERR \(line.trimmingCharacters(in: .whitespaces)): \(error)")
        }
    }

    private static func writeAtomically(_ text: String, to path: String) throws {
        let temporary = path + ".tmp-\(getpid())"
        try (text + "\n").write(toFile: temporary, atomically: false, encoding: .utf8)
        guard rename(temporary, path) == 0 else {
            unlink(temporary)
            throw ControlChannel.Failure(description: String(cString: strerror(errno)))
        }
    }

    /// Writes a line to stdout unbuffered, so a supervising script sees `READY` at once.
    private static func say(_ message: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data((message + "\n").utf8))
    }

    private static func printError(_ message: String) {
        try? FileHandle.standardError.write(contentsOf: Data((message + "\n").utf8))
    }
}
