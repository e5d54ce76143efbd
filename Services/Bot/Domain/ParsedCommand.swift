import Foundation

/// A command found through a `bot_command` entity at the start of a message.
public struct ParsedCommand: Sendable, Equatable {
    /// Lower-cased command without the slash or `@botname` suffix, e.g. `subscribe`.
    public var name: String
    /// The text after the command, trimmed.
    public var arguments: String

    /// Creates a parsed command.
    public init(name: String, arguments: String) {
        self.name = name
        self.arguments = arguments
    }

    /// Finds the command of a message: a `bot_command` entity at offset 0 (offsets are UTF-16 code
    /// units, as Telegram counts them). A `@botname` suffix is accepted when it names this bot (or
    /// when the bot's username is unknown); a command addressed to another bot yields `nil`.
    public static func parse(
        text: String, entities: [(type: String, offset: Int, length: Int)], botUsername: String?
    ) -> ParsedCommand? {
        guard let entity = entities.first(where: { $0.type == "bot_command" && $0.offset == 0 }) else { return nil }
        let utf16 = text.utf16
        guard entity.length > 1, entity.length <= utf16.count,
            let end = utf16.index(utf16.startIndex, offsetBy: entity.length, limitedBy: utf16.endIndex),
            let commandEnd = String.Index(end, within: text)
        else { return nil }
        var command = String(text[text.startIndex..<commandEnd].dropFirst())
        if let at = command.firstIndex(of: "@") {
            let target = command[command.index(after: at)...]
            if let botUsername, target.lowercased() != botUsername.lowercased() { return nil }
            command = String(command[..<at])
        }
        let arguments = text[commandEnd...].trimmingCharacters(in: .whitespacesAndNewlines)
        return ParsedCommand(name: command.lowercased(), arguments: arguments)
    }
}
