/// Where a command goes: to its handler, or to the `unmatched` fallback.
public enum CommandRoute: Sendable, Equatable {
    /// A known command with its arguments.
    case command(BotCommand, arguments: String)
    /// An unknown command, or `/stats` from anyone but an admin (it must not reveal that it exists).
    case unmatched

    /// The metrics label: the command's name, or `unknown`.
    public var label: String {
        switch self {
        case .command(let command, _): command.rawValue
        case .unmatched: "unknown"
        }
    }
}

/// The bot's command router: the one place that decides which handler a parsed command reaches.
public enum CommandRouter {
    /// Routes `parsed`; `isAdmin` says whether the chat may use `/stats`.
    public static func route(_ parsed: ParsedCommand, isAdmin: Bool) -> CommandRoute {
        guard let command = BotCommand(rawValue: parsed.name) else { return .unmatched }
        if command == .stats && !isAdmin { return .unmatched }
        return .command(command, arguments: parsed.arguments)
    }
}
