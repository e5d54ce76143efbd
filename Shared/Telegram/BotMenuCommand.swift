/// One entry of the bot's command menu (Bot API `BotCommand`; named apart from the parsed
/// `BotCommand` of an incoming message).
public struct BotMenuCommand: Sendable, Hashable, Codable {
    /// Text of the command without `/`: 1-32 characters, lowercase English letters, digits and underscores.
    public var command: String
    /// What it does: 1-256 characters.
    public var description: String

    /// Creates an entry.
    public init(command: String, description: String) {
        self.command = command
        self.description = description
    }

    /// Whether Telegram accepts it (the documented lengths and alphabet).
    public var isValid: Bool {
        (1...32).contains(command.count)
            && command.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
            && (1...256).contains(description.count)
    }
}
