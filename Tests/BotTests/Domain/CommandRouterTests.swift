import BotDomain
import Testing

@Suite("CommandRouter")
struct CommandRouterTests {
    @Test("every known command reaches its handler with its arguments", arguments: BotCommand.allCases)
    func known(_ command: BotCommand) {
        let route = CommandRouter.route(ParsedCommand(name: command.rawValue, arguments: "x y"), isAdmin: true)
        #expect(route == .command(command, arguments: "x y"))
        #expect(route.label == command.rawValue)
    }

    @Test("unknown commands and /stats from anyone but an admin fall back to unmatched")
    func unmatched() {
        #expect(CommandRouter.route(ParsedCommand(name: "book", arguments: ""), isAdmin: true) == .unmatched)
        #expect(CommandRouter.route(ParsedCommand(name: "stats", arguments: ""), isAdmin: false) == .unmatched)
        #expect(CommandRoute.unmatched.label == "unknown")
    }
}
