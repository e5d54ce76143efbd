import Foundation
import ServiceRuntime

/// The `deadletter` executable: the operator's dead-letter list and replay command.
public enum DeadLetterApp {
    /// Runs the process's command line against Kafka and returns the exit status.
    public static func main() async -> Int32 {
        await DeadLetterRunner().run(
            arguments: Array(CommandLine.arguments.dropFirst()), environment: EnvironmentReader())
    }
}
