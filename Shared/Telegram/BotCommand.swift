/// A `/command@botname arguments` found through a message's leading `bot_command` entity.
public struct BotCommand: Sendable, Hashable {
    /// Command name without `/` and without `@botname`, lower-cased (`start`).
    public var name: String
    /// The `@botname` the command was addressed to (without `@`), if any.
    public var botUsername: String?
    /// The rest of the text after the command, trimmed (`"dr-ali"` in `/watch dr-ali`).
    public var arguments: String

    /// Creates a command.
    public init(name: String, botUsername: String? = nil, arguments: String = "") {
        self.name = name
        self.botUsername = botUsername
        self.arguments = arguments
    }

    /// Parses the entity's text (`/watch@SlotHunterBot`) and the text after it.
    init?(entityText: String, arguments: String) {
        guard entityText.hasPrefix("/") else { return nil }
        let body = entityText.dropFirst()
        let parts = body.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first, !first.isEmpty else { return nil }
        name = first.lowercased()
        botUsername = parts.count > 1 ? String(parts[1]) : nil
        self.arguments = arguments.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True when the command is meant for the bot `username` (or for no bot in particular).
    public func isAddressed(to username: String) -> Bool {
        guard let botUsername else { return true }
        return botUsername.lowercased() == username.lowercased()
    }
}
