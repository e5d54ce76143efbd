import Foundation
import Synchronization

/// Scrubs secrets from log text: the process-wide set of registered secret values, plus pattern
/// rules as a safety net for secrets nobody registered.
///
/// Pattern rules: `bot<digits>:<token>` (Telegram Bot API URLs) becomes `bot<redacted>`; a bare
/// Telegram token (6+ digits, `:`, 30+ token characters) becomes `<redacted>`; the password of any
/// `scheme://user:password@host` URL becomes `<redacted>`.
final class LogRedactor: Sendable {
    /// The redaction set every `Logger` uses.
    static let shared = LogRedactor()

    /// Registered values, longest first so a secret containing another is replaced whole.
    private let secrets = Mutex<[String]>([])

    /// Adds `value` to the set; empty values are ignored.
    func register(_ value: String) {
        guard !value.isEmpty else { return }
        secrets.withLock { values in
            guard !values.contains(value) else { return }
            values.append(value)
            values.sort { $0.utf8.count > $1.utf8.count }
        }
    }

    /// `text` with every registered secret and every pattern match replaced.
    func redact(_ text: String) -> String {
        var result = text
        for value in secrets.withLock({ $0 }) where result.contains(value) {
            result = result.replacingOccurrences(of: value, with: Secret.placeholder)
        }
        return Self.redactPatterns(result)
    }

    // MARK: - Pattern rules (byte scanners: `Regex` is not Sendable and is slow to build per line)

    static func redactPatterns(_ text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(UInt8(ascii: ":")) else { return text }  // every rule needs a colon
        var output: [UInt8] = []
        output.reserveCapacity(bytes.count)
        var changed = false
        var index = 0
        while index < bytes.count {
            if let end = botTokenEnd(bytes, at: index) {
                output += Array("bot\(Secret.placeholder)".utf8)
                index = end
                changed = true
            } else if let end = bareTokenEnd(bytes, at: index) {
                output += Array(Secret.placeholder.utf8)
                index = end
                changed = true
            } else if let (passwordStart, at) = urlPassword(bytes, at: index) {
                output += bytes[index..<passwordStart]
                output += Array(Secret.placeholder.utf8)
                index = at
                changed = true
            } else {
                output.append(bytes[index])
                index += 1
            }
        }
        return changed ? String(decoding: output, as: UTF8.self) : text
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isTokenCharacter(_ byte: UInt8) -> Bool {
        isDigit(byte) || (byte | 0x20 >= UInt8(ascii: "a") && byte | 0x20 <= UInt8(ascii: "z"))
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    /// Length of the run of bytes from `start` satisfying `predicate`.
    private static func run(_ bytes: [UInt8], from start: Int, _ predicate: (UInt8) -> Bool) -> Int {
        var end = start
        while end < bytes.count, predicate(bytes[end]) { end += 1 }
        return end - start
    }

    /// End of `<digits>:<token>` starting at `start`, with minimum run lengths.
    private static func tokenEnd(_ bytes: [UInt8], from start: Int, minDigits: Int, minToken: Int) -> Int? {
        let digits = run(bytes, from: start, isDigit)
        let colon = start + digits
        guard digits >= minDigits, colon < bytes.count, bytes[colon] == UInt8(ascii: ":") else { return nil }
        let token = run(bytes, from: colon + 1, isTokenCharacter)
        return token >= minToken ? colon + 1 + token : nil
    }

    /// `bot123:ABC...` at `index` → index after the token.
    private static func botTokenEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard bytes[index] == UInt8(ascii: "b"), index + 3 < bytes.count,
            bytes[index + 1] == UInt8(ascii: "o"), bytes[index + 2] == UInt8(ascii: "t")
        else { return nil }
        return tokenEnd(bytes, from: index + 3, minDigits: 1, minToken: 1)
    }

    /// A bare Telegram token at a word boundary → index after it.
    private static func bareTokenEnd(_ bytes: [UInt8], at index: Int) -> Int? {
        guard isDigit(bytes[index]), index == 0 || !isTokenCharacter(bytes[index - 1]) else { return nil }
        return tokenEnd(bytes, from: index, minDigits: 6, minToken: 30)
    }

    /// At `://` of a URL with `user:password@`: (start of the password, index of the `@`).
    private static func urlPassword(_ bytes: [UInt8], at index: Int) -> (Int, Int)? {
        guard bytes[index] == UInt8(ascii: ":"), index + 2 < bytes.count,
            bytes[index + 1] == UInt8(ascii: "/"), bytes[index + 2] == UInt8(ascii: "/")
        else { return nil }
        let authorityStart = index + 3
        let terminators: Set<UInt8> = Set("/?#\"'<>\\ \t\r\n".utf8)
        var authorityEnd = authorityStart
        while authorityEnd < bytes.count, !terminators.contains(bytes[authorityEnd]) { authorityEnd += 1 }
        // The host cannot contain `@`, so the last one ends the userinfo (a raw `@` in a password stays hidden).
        guard let at = bytes[authorityStart..<authorityEnd].lastIndex(of: UInt8(ascii: "@")),
            let colon = bytes[authorityStart..<at].firstIndex(of: UInt8(ascii: ":"))
        else { return nil }
        return (colon + 1, at)
    }
}
