/// How a request's body is delimited (RFC 9112 section 6), decided from its header fields alone.
///
/// Anything a front proxy could read differently from us is refused with 400 (request smuggling):
/// `Transfer-Encoding` together with `Content-Length`, a transfer coding other than a single
/// `chunked`, `Content-Length` values that differ, and lengths that are not plain decimal digits.
enum HTTPBodyFraming: Equatable, Sendable {
    /// No body (no framing header, or `Content-Length: 0`).
    case none
    /// Exactly this many bytes follow the head; `Int.max` stands for a value too large for `Int`.
    case contentLength(Int)
    /// `Transfer-Encoding: chunked`.
    case chunked

    /// Whether the request announced body bytes that follow its head.
    var hasBody: Bool { self != .none }

    /// The framing of a request with these header fields.
    static func of(_ headers: [(String, String)]) throws(HTTPRequestReader.Failure) -> HTTPBodyFraming {
        var codings: [String] = []
        var lengths: [Substring] = []
        var sawTransferEncoding = false
        var sawContentLength = false
        for (name, value) in headers {
            switch name.lowercased() {
            case "transfer-encoding":
                sawTransferEncoding = true
                codings += value.split(separator: ",").map { $0.trimmingHTTPWhitespace().lowercased() }
            case "content-length":
                sawContentLength = true
                lengths += value.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingHTTPWhitespace() }
            default:
                continue
            }
        }
        if sawTransferEncoding {
            guard !sawContentLength else {
                throw .invalid(status: 400, reason: "Transfer-Encoding together with Content-Length")
            }
            guard codings == ["chunked"] else { throw .invalid(status: 400, reason: "unsupported Transfer-Encoding") }
            return .chunked
        }
        guard sawContentLength else { return .none }
        var length: Int?
        for text in lengths {
            guard let value = decimalLength(text) else { throw .invalid(status: 400, reason: "invalid Content-Length") }
            guard length == nil || length == value else {
                throw .invalid(status: 400, reason: "conflicting Content-Length values")
            }
            length = value
        }
        guard let length, length > 0 else { return .none }
        return .contentLength(length)
    }

    /// A non-empty run of ASCII digits as a number (`Int.max` when it overflows); nil otherwise, so
    /// `+5`, `-1`, `0x10`, `1e3` and ` ` are all refused.
    static func decimalLength(_ text: Substring) -> Int? {
        guard !text.isEmpty else { return nil }
        var value = 0
        for byte in text.utf8 {
            guard byte >= UInt8(ascii: "0"), byte <= UInt8(ascii: "9") else { return nil }
            let (times10, overflowA) = value.multipliedReportingOverflow(by: 10)
            let (sum, overflowB) = times10.addingReportingOverflow(Int(byte - UInt8(ascii: "0")))
            value = overflowA || overflowB ? Int.max : sum
        }
        return value
    }

    /// A chunk size (hex digits, optionally followed by `;extensions` and whitespace), or nil when
    /// malformed; a size above `limit` comes back as a value above `limit` but never near `Int.max`, so no sum
    /// can overflow.
    static func chunkSize(_ line: ArraySlice<UInt8>, limit: Int) -> Int? {
        let cap = min(max(limit, 0), 1 << 48)  // cap * 16 + 15 is far from Int.max
        var digits = 0
        var value = 0
        var index = line.startIndex
        while index < line.endIndex, let digit = hexValue(line[index]) {
            if value <= cap { value = value * 16 + digit }
            digits += 1
            index += 1
        }
        guard digits > 0 else { return nil }
        // RFC 9112 7.1.1: optional whitespace, then extensions, which we ignore.
        while index < line.endIndex, line[index] == UInt8(ascii: " ") || line[index] == UInt8(ascii: "\t") { index += 1 }
        guard index == line.endIndex || line[index] == UInt8(ascii: ";") else { return nil }
        return min(value, cap + 1)
    }

    private static func hexValue(_ byte: UInt8) -> Int? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): Int(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): Int(byte - UInt8(ascii: "a")) + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): Int(byte - UInt8(ascii: "A")) + 10
        default: nil
        }
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces and tabs (HTTP's optional whitespace).
    func trimmingHTTPWhitespace() -> Substring {
        let isWhitespace: (Character) -> Bool = { $0 == " " || $0 == "\t" }
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !isWhitespace($0) }) else { return "" }
        let last = text.lastIndex(where: { !isWhitespace($0) })!
        return text[first...last]
    }
}
