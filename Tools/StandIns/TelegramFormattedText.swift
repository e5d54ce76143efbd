/// Parses a sendMessage text the way Telegram does for `parse_mode`, producing the plain text
/// and entities of the delivered message, or Telegram's "can't parse entities" description.
///
/// HTML follows the documented tag set and entity rules closely. MarkdownV2 is approximated: the
/// documented reserved characters that are not markup where they stand (`# + - = { } . !`,
/// `( )` outside a link, `>` mid-line) must be escaped outside code and link URLs, escapes are
/// removed, markup characters are stripped, and no entities are reported.
struct TelegramFormattedText {
    var text: String
    var entities: [TelegramJSON]

    /// nil parse mode: the text as is. Whitespace at both ends is trimmed as Telegram does.
    static func parse(_ raw: String, parseMode: String?) -> Result<TelegramFormattedText, ParseError> {
        let parsed: Result<TelegramFormattedText, ParseError>
        switch parseMode?.lowercased() {
        case nil, "": parsed = .success(TelegramFormattedText(text: raw, entities: []))
        case "html": parsed = parseHTML(raw)
        case "markdownv2": parsed = parseMarkdownV2(raw)
        case "markdown": parsed = .success(TelegramFormattedText(text: raw.filter { !"*_`[".contains($0) }, entities: []))
        default: return .failure(ParseError(description: "Bad Request: unsupported parse_mode"))
        }
        return parsed.map { $0.trimmed() }
    }

    struct ParseError: Error {
        var description: String
    }

    private func trimmed() -> TelegramFormattedText {
        let scalars = Array(text.unicodeScalars)
        var lower = 0
        var upper = scalars.count
        while lower < upper, scalars[lower].properties.isWhitespace { lower += 1 }
        while upper > lower, scalars[upper - 1].properties.isWhitespace { upper -= 1 }
        guard lower > 0 || upper < scalars.count else { return self }
        var result = String.UnicodeScalarView()
        result.append(contentsOf: scalars[lower..<upper])
        let cut = scalars[..<lower].reduce(0) { $0 + $1.utf16.count }
        let newLength = String(result).utf16.count
        let shifted = entities.compactMap { entity -> TelegramJSON? in
            guard let offset = entity["offset"]?.int64Value, let length = entity["length"]?.int64Value else { return nil }
            let start = max(Int(offset) - cut, 0)
            let end = min(Int(offset + length) - cut, newLength)
            guard end > start else { return nil }
            var moved = entity
            moved["offset"] = .int(Int64(start))
            moved["length"] = .int(Int64(end - start))
            return moved
        }
        return TelegramFormattedText(text: String(result), entities: shifted)
    }

    // MARK: - HTML

    private static let htmlEntityTypes: [String: String] = [
        "b": "bold", "strong": "bold", "i": "italic", "em": "italic", "u": "underline", "ins": "underline",
        "s": "strikethrough", "strike": "strikethrough", "del": "strikethrough", "tg-spoiler": "spoiler",
        "span": "spoiler", "a": "text_link", "code": "code", "pre": "pre", "blockquote": "blockquote",
        "tg-emoji": "custom_emoji",
    ]

    private struct OpenTag {
        var name: String
        var attributes: [String: String]
        var offset: Int
    }

    private static func parseHTML(_ raw: String) -> Result<TelegramFormattedText, ParseError> {
        let bytes = Array(raw.utf8)
        var output: [UInt8] = []
        var utf16Length = 0
        var stack: [OpenTag] = []
        var entities: [TelegramJSON] = []
        var index = 0
        func fail(_ text: String) -> Result<TelegramFormattedText, ParseError> {
            .failure(ParseError(description: "Bad Request: can't parse entities: \(text)"))
        }
        func append(_ piece: [UInt8]) {
            output += piece
            utf16Length += String(decoding: piece, as: UTF8.self).utf16.count
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "&") {
                if let (decoded, used) = decodeEntity(bytes, at: index) {
                    append(Array(decoded.utf8))
                    index += used
                } else {
                    append([byte])
                    index += 1
                }
                continue
            }
            guard byte == UInt8(ascii: "<") else {
                var end = index + 1
                while end < bytes.count, bytes[end] != UInt8(ascii: "<"), bytes[end] != UInt8(ascii: "&") { end += 1 }
                append(Array(bytes[index..<end]))
                index = end
                continue
            }
            let tagStart = index
            guard let close = bytes[index...].firstIndex(of: UInt8(ascii: ">")) else {
                return fail("Unclosed start tag at byte offset \(tagStart)")
            }
            let inside = String(decoding: bytes[(index + 1)..<close], as: UTF8.self)
            index = close + 1
            if inside.hasPrefix("/") {
                let name = inside.dropFirst().trimmingCharacters(in: .whitespaces).lowercased()
                guard let open = stack.popLast() else {
                    return fail("Unexpected end tag at byte offset \(tagStart)")
                }
                guard open.name == name else {
                    return fail("Unmatched end tag at byte offset \(tagStart), expected \"</\(open.name)>\", found \"</\(name)>\"")
                }
                if open.name == "code", stack.last?.name == "pre", let code = open.attributes["class"],
                    code.hasPrefix("language-")
                {
                    stack[stack.count - 1].attributes["language"] = String(code.dropFirst("language-".count))
                }
                if let entity = htmlEntity(open, end: utf16Length, stack: stack) { entities.append(entity) }
                continue
            }
            let (name, attributes) = parseTag(inside)
            guard htmlEntityTypes[name] != nil,
                name != "span" || attributes["class"] == "tg-spoiler"
            else {
                return fail("Unsupported start tag \"\(name)\" at byte offset \(tagStart)")
            }
            stack.append(OpenTag(name: name, attributes: attributes, offset: utf16Length))
        }
        if let open = stack.last {
            return fail("Can't find end tag corresponding to start tag \"\(open.name)\"")
        }
        entities.sort { ($0["offset"]?.int64Value ?? 0) < ($1["offset"]?.int64Value ?? 0) }
        return .success(TelegramFormattedText(text: String(decoding: output, as: UTF8.self), entities: entities))
    }

    private static func htmlEntity(_ open: OpenTag, end: Int, stack: [OpenTag]) -> TelegramJSON? {
        guard end > open.offset, var type = htmlEntityTypes[open.name] else { return nil }
        var entity: [String: TelegramJSON] = [
            "offset": .int(Int64(open.offset)), "length": .int(Int64(end - open.offset)),
        ]
        switch open.name {
        case "a":
            guard let href = open.attributes["href"], !href.isEmpty else { return nil }
            entity["url"] = .string(href)
        case "blockquote" where open.attributes["expandable"] != nil:
            type = "expandable_blockquote"
        case "code" where stack.last?.name == "pre":
            return nil  // language of the enclosing pre block, not an entity of its own
        case "pre":
            if let language = open.attributes["language"] { entity["language"] = .string(language) }
        case "tg-emoji":
            entity["custom_emoji_id"] = .string(open.attributes["emoji-id"] ?? "")
        default:
            break
        }
        entity["type"] = .string(type)
        return .object(entity)
    }

    /// `a href="x"` → ("a", ["href": "x"]).
    private static func parseTag(_ inside: String) -> (String, [String: String]) {
        let trimmed = inside.trimmingCharacters(in: .whitespaces)
        let nameEnd = trimmed.firstIndex { $0 == " " || $0 == "\t" || $0 == "\n" } ?? trimmed.endIndex
        let name = trimmed[..<nameEnd].lowercased()
        var attributes: [String: String] = [:]
        var rest = trimmed[nameEnd...].drop { $0.isWhitespace }
        while !rest.isEmpty {
            let keyEnd = rest.firstIndex { $0 == "=" || $0.isWhitespace } ?? rest.endIndex
            let key = rest[..<keyEnd].lowercased()
            rest = rest[keyEnd...].drop { $0.isWhitespace }
            var value = ""
            if rest.first == "=" {
                rest = rest.dropFirst().drop { $0.isWhitespace }
                if let quote = rest.first, quote == "\"" || quote == "'" {
                    let body = rest.dropFirst()
                    let valueEnd = body.firstIndex(of: quote) ?? body.endIndex
                    value = String(body[..<valueEnd])
                    rest = body[valueEnd...].dropFirst()
                } else {
                    let valueEnd = rest.firstIndex { $0.isWhitespace } ?? rest.endIndex
                    value = String(rest[..<valueEnd])
                    rest = rest[valueEnd...]
                }
            }
            if !key.isEmpty { attributes[key] = decodeAttribute(value) }
            rest = rest.drop { $0.isWhitespace }
        }
        return (name, attributes)
    }

    private static func decodeAttribute(_ value: String) -> String {
        value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// `&lt;` `&gt;` `&amp;` `&quot;` and numeric `&#NN;` / `&#xHH;`; nil for anything else
    /// (Telegram then keeps the `&` as text).
    private static func decodeEntity(_ bytes: [UInt8], at index: Int) -> (String, Int)? {
        let window = bytes[index..<min(bytes.count, index + 12)]
        guard let semicolon = window.firstIndex(of: UInt8(ascii: ";")) else { return nil }
        let name = String(decoding: bytes[(index + 1)..<semicolon], as: UTF8.self)
        let used = semicolon - index + 1
        switch name {
        case "lt": return ("<", used)
        case "gt": return (">", used)
        case "amp": return ("&", used)
        case "quot": return ("\"", used)
        default:
            guard name.hasPrefix("#") else { return nil }
            let digits = name.dropFirst()
            let value = digits.hasPrefix("x") || digits.hasPrefix("X") ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits)
            guard let value, let scalar = Unicode.Scalar(value) else { return nil }
            return (String(Character(scalar)), used)
        }
    }

    // MARK: - MarkdownV2 (approximation)

    private static func parseMarkdownV2(_ raw: String) -> Result<TelegramFormattedText, ParseError> {
        let neverMarkup: Set<Character> = ["#", "+", "-", "=", "{", "}", ".", "!", "(", ")"]
        let markup: Set<Character> = ["*", "_", "~", "|", "[", "]", "`"]
        let characters = Array(raw)
        var output = ""
        var inCode = false
        var inURL = false
        var atLineStart = true
        var position = 0
        while position < characters.count {
            let character = characters[position]
            position += 1
            if character == "\\", position < characters.count {
                output.append(characters[position])
                position += 1
                atLineStart = false
                continue
            }
            if character == "`" {
                inCode.toggle()
                continue
            }
            if inCode {
                output.append(character)
                continue
            }
            if inURL {
                if character == ")" { inURL = false }
                continue
            }
            if character == "]", position < characters.count, characters[position] == "(" {
                inURL = true
                position += 1
                continue
            }
            if character == ">", atLineStart { continue }  // block quotation
            if neverMarkup.contains(character) || character == ">" {
                return .failure(
                    ParseError(
                        description: "Bad Request: can't parse entities: Character '\(character)' is reserved "
                            + "and must be escaped with the preceding '\\'"))
            }
            atLineStart = character == "\n"
            if markup.contains(character) { continue }
            output.append(character)
        }
        return .success(TelegramFormattedText(text: output, entities: []))
    }
}
