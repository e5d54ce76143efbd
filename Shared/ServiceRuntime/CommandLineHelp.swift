import Foundation

/// Start-up handling of command-line flags for services configured through the environment.
///
/// `--help`/`-h` prints the usage to standard output and exits 0; an unknown flag (or an unexpected
/// argument) prints an error and the usage to standard error and exits 64 (`EX_USAGE`).
public enum CommandLineHelp {
    /// What the arguments ask for.
    public enum Outcome: Sendable, Hashable {
        /// Nothing special: start the service.
        case proceed
        /// `--help` or `-h` was given.
        case showHelp
        /// An argument is not understood; the associated text says which.
        case usageError(String)
    }

    /// Exit status for a command-line usage error (`EX_USAGE` from sysexits.h).
    public static let usageExitCode: Int32 = 64
    /// Exit status for invalid configuration (`EX_CONFIG` from sysexits.h).
    public static let configurationExitCode: Int32 = 78

    /// Classifies `arguments` (without the program name).
    /// - Parameters:
    ///   - acceptedFlags: flags the program handles itself (`--dry-run`); `--flag=value` matches `--flag`.
    ///   - allowsPositionalArguments: whether arguments not starting with `-` are accepted (also flag values).
    public static func evaluate(
        arguments: [String], acceptedFlags: Set<String> = [], allowsPositionalArguments: Bool = false
    ) -> Outcome {
        // Help wins over any error, but not after `--`, where everything is an argument.
        for argument in arguments.prefix(while: { $0 != "--" }) where argument == "--help" || argument == "-h" {
            return .showHelp
        }
        var optionsEnded = false
        for argument in arguments {
            if optionsEnded || !argument.hasPrefix("-") || argument == "-" {
                if !allowsPositionalArguments { return .usageError("unexpected argument '\(argument)'") }
                continue
            }
            if argument == "--" {
                optionsEnded = true
                continue
            }
            let flag = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if !acceptedFlags.contains(flag) { return .usageError("unknown option '\(flag)'") }
        }
        return .proceed
    }

    /// Acts on `evaluate(...)`: returns for `.proceed`, otherwise prints and exits (0 for help, 64 for errors).
    /// - Parameter arguments: the arguments after the program name (default: this process's).
    public static func handle(
        arguments: [String] = Array(CommandLine.arguments.dropFirst()), usage: String,
        acceptedFlags: Set<String> = [], allowsPositionalArguments: Bool = false
    ) {
        switch evaluate(
            arguments: arguments, acceptedFlags: acceptedFlags, allowsPositionalArguments: allowsPositionalArguments)
        {
        case .proceed:
            return
        case .showHelp:
            FileDescriptorWriter.standardOutput.writeLine(usage)
            Foundation.exit(0)
        case .usageError(let message):
            FileDescriptorWriter.standardError.writeLine("error: \(message)\n\n\(usage)")
            Foundation.exit(usageExitCode)
        }
    }

    /// Prints `error` (which names the variable at fault) to standard error and exits 78 (`EX_CONFIG`).
    public static func exitWithConfigurationError(_ error: ConfigurationError) -> Never {
        FileDescriptorWriter.standardError.writeLine(error.description)
        Foundation.exit(configurationExitCode)
    }
}
