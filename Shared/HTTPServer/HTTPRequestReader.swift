#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads HTTP/1.1 requests off one connected socket; used by exactly one connection thread.
struct HTTPRequestReader {
    /// Why no request could be read.
    enum Failure: Error {
        /// The peer closed (or the socket was shut down) between requests: close quietly.
        case closed
        /// No bytes within the receive timeout.
        case timedOut
        /// The request is not valid HTTP; answer with the status, then close.
        case invalid(status: Int, reason: String)
    }

    /// Limits applied while reading.
    struct Limits {
        var maxHeadBytes = 64 * 1024
        var maxBodyBytes = 16 * 1024 * 1024
    }

    private let fd: Int32
    private let limits: Limits
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 65536)

    init(fd: Int32, limits: Limits) {
        self.fd = fd
        self.limits = limits
    }

    /// Reads the next request. `sendContinue` is called before reading a body when the client
    /// asked for `Expect: 100-continue` (curl, and so URLSession on Linux, waits for it).
    mutating func readRequest(sendContinue: () -> Void) throws(Failure) -> HTTPRequest {
        var requestLine = try readLine(limit: limits.maxHeadBytes, atRequestStart: true)
        while requestLine.isEmpty {  // RFC 9112 2.2: ignore empty lines before the request line
            requestLine = try readLine(limit: limits.maxHeadBytes, atRequestStart: true)
        }
        var headBytes = requestLine.count
        let parts = String(decoding: requestLine, as: UTF8.self).split(separator: " ", omittingEmptySubsequences: true)
        guard parts.count == 3, parts[2].hasPrefix("HTTP/1.") else {
            throw .invalid(status: 400, reason: "malformed request line")
        }
        var headers: [(String, String)] = []
        while true {
            let line = try readLine(limit: limits.maxHeadBytes - headBytes, atRequestStart: false)
            headBytes += line.count + 2
            if line.isEmpty { break }
            guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > 0 else {
                throw .invalid(status: 400, reason: "malformed header line")
            }
            let name = String(decoding: line[..<colon], as: UTF8.self)
            let value = String(decoding: line[(colon + 1)...], as: UTF8.self).trimmingCharacters(in: .whitespaces)
            headers.append((name, value))
        }
        var request = HTTPRequest(method: String(parts[0]), path: "/", headers: headers, version: String(parts[2]))
        Self.applyTarget(String(parts[1]), to: &request)

        let transferEncoding = request.header("Transfer-Encoding")?.lowercased()
        let isChunked = transferEncoding?.contains("chunked") ?? false
        var contentLength = 0
        if !isChunked, let lengthText = request.header("Content-Length") {
            guard let length = Int(lengthText), length >= 0 else {
                throw .invalid(status: 400, reason: "invalid Content-Length")
            }
            guard length <= limits.maxBodyBytes else { throw .invalid(status: 413, reason: "body too large") }
            contentLength = length
        }
        if isChunked || contentLength > 0,
            request.header("Expect")?.lowercased() == "100-continue", request.version == "HTTP/1.1"
        {
            sendContinue()
        }
        if isChunked {
            request.body = try readChunkedBody()
        } else if contentLength > 0 {
            request.body = try readExactly(contentLength)
        }
        return request
    }

    /// Splits a request target into path and query (origin-form or absolute-form).
    static func applyTarget(_ target: String, to request: inout HTTPRequest) {
        var pathAndQuery = Substring(target)
        if let schemeEnd = pathAndQuery.range(of: "://") {  // absolute-form, as sent to proxies
            let afterAuthority = pathAndQuery[schemeEnd.upperBound...]
            pathAndQuery = afterAuthority.firstIndex(of: "/").map { afterAuthority[$0...] } ?? "/"
        }
        if let mark = pathAndQuery.firstIndex(of: "?") {
            let raw = String(pathAndQuery[pathAndQuery.index(after: mark)...])
            request.rawQuery = raw
            request.query = HTTPRequest.decodeForm(raw)
            pathAndQuery = pathAndQuery[..<mark]
        }
        let rawPath = String(pathAndQuery)
        request.path = rawPath.removingPercentEncoding ?? rawPath
        if request.path.isEmpty { request.path = "/" }
    }

    private mutating func readChunkedBody() throws(Failure) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try readLine(limit: 1024, atRequestStart: false)
            let sizeText = String(decoding: sizeLine, as: UTF8.self)
                .split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .trimmingCharacters(in: .whitespaces)
            guard let size = Int(sizeText, radix: 16), size >= 0 else {
                throw .invalid(status: 400, reason: "malformed chunk size")
            }
            if size == 0 { break }
            guard body.count + size <= limits.maxBodyBytes else { throw .invalid(status: 413, reason: "body too large") }
            body += try readExactly(size)
            guard try readLine(limit: 2, atRequestStart: false).isEmpty else {
                throw .invalid(status: 400, reason: "missing CRLF after chunk")
            }
        }
        var trailerBytes = 0
        while true {  // trailer fields are read and dropped
            let line = try readLine(limit: limits.maxHeadBytes - trailerBytes, atRequestStart: false)
            if line.isEmpty { break }
            trailerBytes += line.count + 2
        }
        return body
    }

    /// One line without its CR LF (a bare LF is tolerated).
    private mutating func readLine(limit: Int, atRequestStart: Bool) throws(Failure) -> ArraySlice<UInt8> {
        var scanned = 0  // bytes after `start` known to hold no LF (fill may move `start`)
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                return line
            }
            if buffer.count - start > max(limit, 0) {
                throw .invalid(status: 431, reason: "header section too large")
            }
            scanned = buffer.count - start
            try fill(atRequestStart: atRequestStart && buffer.count == start)
        }
    }

    private mutating func readExactly(_ count: Int) throws(Failure) -> [UInt8] {
        while buffer.count - start < count { try fill(atRequestStart: false) }
        let bytes = Array(buffer[start..<(start + count)])
        start += count
        return bytes
    }

    /// Receives more bytes. At a request boundary, EOF and timeout mean a quiet close;
    /// in the middle of a request they make the request invalid.
    private mutating func fill(atRequestStart: Bool) throws(Failure) {
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 65536 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        while true {
            let socket = fd
            let received = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                buffer += chunk[0..<received]
                return
            }
            if received == 0 {
                if atRequestStart { throw .closed }
                throw .invalid(status: 400, reason: "connection closed mid-request")
            }
            let code = errno
            if code == EINTR { continue }
            if code == EAGAIN || code == EWOULDBLOCK {
                if atRequestStart { throw .timedOut }
                throw .invalid(status: 408, reason: "request timed out")
            }
            throw .closed
        }
    }
}
