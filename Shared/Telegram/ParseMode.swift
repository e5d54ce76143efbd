/// How Telegram parses formatting in a text (`parse_mode`).
public struct ParseMode: RawRepresentable, Sendable, Hashable, Codable, CustomStringConvertible {
    /// The string sent to Telegram.
    public let rawValue: String
    /// Wraps a raw string.
    public init(rawValue: String) { self.rawValue = rawValue }
    /// HTML tags (`<b>`, `<a href>`...); `<`, `>` and `&` in text must be escaped.
    public static let html = ParseMode(rawValue: "HTML")
    /// MarkdownV2; `_*[]()~`>#+-=|{}.!` in text must be escaped with `\`.
    public static let markdownV2 = ParseMode(rawValue: "MarkdownV2")
    /// The raw string.
    public var description: String { rawValue }

    /// Escapes `&`, `<` and `>` for HTML parse mode.
    public static func escapeHTML(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// Escapes every MarkdownV2 special character with a backslash.
    public static func escapeMarkdownV2(_ text: String) -> String {
        let special: Set<Character> = [
            "_", "*", "[", "]", "(", ")", "~", "`", ">", "#", "+", "-", "=", "|", "{", "}", ".", "!", "\\",
        ]
        var escaped = ""
        for character in text {
            if special.contains(character) { escaped.append("\\") }
            escaped.append(character)
        }
        return escaped
    }

    /// Decodes the raw string.
    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    /// Encodes the raw string.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
