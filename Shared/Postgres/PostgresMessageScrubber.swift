/// Keeps bound values out of server messages, which sometimes quote the offending input
/// (`invalid input syntax for type integer: "abc"`, `value "999999" is out of range`).
enum PostgresMessageScrubber {
    static let placeholder = "<redacted>"

    static func scrub(_ message: String, sqlState: String?, binds: [PostgresBind]) -> String {
        var text = message
        // Data exceptions (class 22) quote the rejected value: blank every quoted part.
        if let sqlState, sqlState.hasPrefix("22") { text = redactQuoted(text) }
        // Any other verbatim echo of a bind. Very short values would blank unrelated text.
        for bind in binds {
            guard let value = bind.text, value.count >= 3 else { continue }
            text = text.replacing(value, with: placeholder)
        }
        return text
    }

    private static func redactQuoted(_ text: String) -> String {
        var result = ""
        var inQuote = false
        for character in text {
            if character == "\"" {
                if inQuote { result += placeholder }
                inQuote.toggle()
                result.append(character)
            } else if !inQuote {
                result.append(character)
            }
        }
        if inQuote { result += placeholder }
        return result
    }
}
