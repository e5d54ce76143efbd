/// Parsing of the request line and header fields (RFC 9112 sections 3 and 5), strict where a
/// lenient reading could differ from a front proxy's.
extension HTTPRequestReader {
    /// Method, target and version; 400 unless three words with an `HTTP/1.x` version and no
    /// control characters.
    static func parseRequestLine(_ line: ArraySlice<UInt8>) throws(Failure) -> (String, String, String) {
        guard !line.contains(where: isControl) else { throw .invalid(status: 400, reason: "malformed request line") }
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: true)
        guard parts.count == 3, parts[0].allSatisfy(isTokenByte) else {
            throw .invalid(status: 400, reason: "malformed request line")
        }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version.count == 8, version.hasPrefix("HTTP/1."), version.last!.isASCII, version.last!.isNumber else {
            throw .invalid(status: 400, reason: "malformed request line")
        }
        return (String(decoding: parts[0], as: UTF8.self), String(decoding: parts[1], as: UTF8.self), version)
    }

    /// One `name: value` field. Refused with 400: an obs-folded continuation line (leading space
    /// or tab), whitespace or any other non-token byte in the name (`Host : x`), and control
    /// characters other than tab in the value.
    static func parseHeaderLine(_ line: ArraySlice<UInt8>) throws(Failure) -> (String, String) {
        guard let first = line.first, first != UInt8(ascii: " "), first != UInt8(ascii: "\t") else {
            throw .invalid(status: 400, reason: "obsolete line folding")
        }
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex,
            line[..<colon].allSatisfy(isTokenByte)
        else {
            throw .invalid(status: 400, reason: "malformed header line")
        }
        let value = line[(colon + 1)...]
        guard !value.contains(where: { isControl($0) && $0 != UInt8(ascii: "\t") }) else {
            throw .invalid(status: 400, reason: "control character in header value")
        }
        return (
            String(decoding: line[..<colon], as: UTF8.self),
            String(String(decoding: value, as: UTF8.self).trimmingHTTPWhitespace())
        )
    }

    /// RFC 9110 5.6.2 `tchar`.
    static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            true
        default:
            "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    static func isControl(_ byte: UInt8) -> Bool { byte < 0x20 || byte == 0x7F }
}
