import ServiceRuntime
import Testing

@Suite struct CommandLineHelpTests {
    @Test func noArgumentsProceed() {
        #expect(CommandLineHelp.evaluate(arguments: []) == .proceed)
    }

    @Test func helpFlagsAskForHelpEvenNextToUnknownOnes() {
        #expect(CommandLineHelp.evaluate(arguments: ["--help"]) == .showHelp)
        #expect(CommandLineHelp.evaluate(arguments: ["-h"]) == .showHelp)
        #expect(CommandLineHelp.evaluate(arguments: ["--bogus", "-h"]) == .showHelp)
    }

    @Test func unknownFlagsAndArgumentsAreUsageErrors() {
        #expect(CommandLineHelp.evaluate(arguments: ["--verbose"]) == .usageError("unknown option '--verbose'"))
        #expect(CommandLineHelp.evaluate(arguments: ["run"]) == .usageError("unexpected argument 'run'"))
        #expect(CommandLineHelp.evaluate(arguments: ["--", "--help"]) == .usageError("unexpected argument '--help'"))
    }

    @Test func acceptedFlagsAndPositionalArgumentsPass() {
        let accepted: Set<String> = ["--dry-run", "--topic"]
        #expect(CommandLineHelp.evaluate(arguments: ["--dry-run", "--topic=x"], acceptedFlags: accepted) == .proceed)
        #expect(
            CommandLineHelp.evaluate(
                arguments: ["--topic", "x"], acceptedFlags: accepted, allowsPositionalArguments: true)
                == .proceed)
        #expect(CommandLineHelp.evaluate(arguments: ["--", "-x"], allowsPositionalArguments: true) == .proceed)
    }

    @Test func exitCodesFollowSysexits() {
        #expect(CommandLineHelp.usageExitCode == 64)
        #expect(CommandLineHelp.configurationExitCode == 78)
    }
}
