#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads HTTP/1.1 requests off one connected socket; used by exactly one connection thread.
///
/// A request is read in two steps, head then body, so that the server owner can decide from the
/// head (`HTTPRequestAdmission`) how much body it accepts before any of it is read. Every read is
/// bounded twice: by the idle timeout while waiting for a request to begin, and by one deadline
/// for the whole request (head and body) from its first byte, so a client trickling a byte at a
/// time cannot hold a connection for longer than `requestTimeout`.
struct HTTPRequestReader {
    /// Why no request could be read.
    enum Failure: Error, Equatable {
        /// The peer closed (or the socket was shut down) between requests: close quietly.
        case closed
        /// No request began within the idle timeout.
        case timedOut
        /// The request is not valid HTTP; answer with the status, then close.
        case invalid(status: Int, reason: String)
    }

    /// Limits applied while reading.
    struct Limits {
        var maxHeadBytes = 64 * 1024
        /// How long a connection may wait for the first byte of a request.
        var idleTimeout: Duration = .seconds(60)
        /// How long a whole request (head and body) may take from its first byte.
        var requestTimeout: Duration = .seconds(30)
    }

    /// A request whose head has been read; its body has not.
    struct Head {
        var request: HTTPRequest
        var framing: HTTPBodyFraming
    }

    private let fd: Int32
    let limits: Limits
    private var buffer: [UInt8] = []
    private var start = 0
    private var chunk = [UInt8](repeating: 0, count: 65536)
    /// When the request being read must be complete; nil while waiting for one to begin.
    private var deadline: ContinuousClock.Instant?

    init(fd: Int32, limits: Limits) {
        self.fd = fd
        self.limits = limits
    }

    /// Reads the request line and header fields of the next request, and checks its framing.
    mutating func readHead() throws(Failure) -> Head {
        // Pipelined bytes already buffered start the clock now; otherwise the first byte does.
        deadline = buffer.count > start ? ContinuousClock.now + limits.requestTimeout : nil
        var requestLine = try readLine(limit: limits.maxHeadBytes, atRequestStart: true)
        var emptyLines = 0
        while requestLine.isEmpty {  // RFC 9112 2.2: ignore (a few) empty lines before the request line
            emptyLines += 1
            guard emptyLines <= 8 else { throw .invalid(status: 400, reason: "malformed request line") }
            requestLine = try readLine(limit: limits.maxHeadBytes, atRequestStart: true)
        }
        var headBytes = requestLine.count
        let (method, target, version) = try Self.parseRequestLine(requestLine)
        var headers: [(String, String)] = []
        while true {
            let line = try readLine(limit: limits.maxHeadBytes - headBytes, atRequestStart: false)
            headBytes += line.count + 2
            if line.isEmpty { break }
            headers.append(try Self.parseHeaderLine(line))
        }
        var request = HTTPRequest(method: method, path: "/", headers: headers, version: version)
        Self.applyTarget(target, to: &request)
        return Head(request: request, framing: try HTTPBodyFraming.of(headers))
    }

    /// Reads the body announced by `head`, refusing (413) one larger than `maxBodyBytes` before
    /// reading it where the length is known up front. `sendContinue` is called first when the
    /// client asked for `Expect: 100-continue` (curl, and so URLSession on Linux, waits for it).
    mutating func readBody(of head: Head, maxBodyBytes: Int, sendContinue: () -> Void) throws(Failure) -> [UInt8] {
        let limit = max(0, maxBodyBytes)
        if case .contentLength(let length) = head.framing, length > limit {
            throw .invalid(status: 413, reason: "body too large")
        }
        if head.framing.hasBody, head.request.header("Expect")?.lowercased() == "100-continue",
            head.request.version == "HTTP/1.1"
        {
            sendContinue()
        }
        switch head.framing {
        case .none: return []
        case .contentLength(let length): return try readExactly(length)
        case .chunked: return try readChunkedBody(limit: limit)
        }
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

    private mutating func readChunkedBody(limit: Int) throws(Failure) -> [UInt8] {
        var body: [UInt8] = []
        while true {
            let sizeLine = try readLine(limit: 1024, atRequestStart: false)
            guard let size = HTTPBodyFraming.chunkSize(sizeLine, limit: limit) else {
                throw .invalid(status: 400, reason: "malformed chunk size")
            }
            if size == 0 { break }
            // Both terms are at most limit + 1 (chunkSize caps them), so this cannot overflow.
            guard size <= limit - body.count else { throw .invalid(status: 413, reason: "body too large") }
            body += try readExactly(size)
            guard try readExactly(2) == [UInt8(ascii: "\r"), UInt8(ascii: "\n")] else {
                throw .invalid(status: 400, reason: "missing CRLF after chunk")
            }
        }
        var trailerBytes = 0
        while true {  // trailer fields are checked like header fields, then dropped
            let line = try readLine(limit: limits.maxHeadBytes - trailerBytes, atRequestStart: false)
            if line.isEmpty { break }
            _ = try Self.parseHeaderLine(line)
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
                guard end - start <= max(limit, 0) else { throw .invalid(status: 431, reason: "header section too large") }
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

    /// Receives more bytes, waiting at most until the request's deadline (or, before a request
    /// began, the idle timeout). At a request boundary, EOF and the idle timeout mean a quiet
    /// close; in the middle of a request they make the request invalid.
    private mutating func fill(atRequestStart: Bool) throws(Failure) {
        if start > 0, start == buffer.count {
            buffer.removeAll(keepingCapacity: true)
            start = 0
        } else if start > 65536 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        while true {
            let wait: Duration
            if let deadline {
                wait = deadline - ContinuousClock.now
                guard wait > .zero else { throw .invalid(status: 408, reason: "request timed out") }
            } else {
                wait = limits.idleTimeout
            }
            switch SocketIO.waitReadable(fd, timeout: wait) {
            case .timedOut:
                if deadline == nil { throw .timedOut }
                throw .invalid(status: 408, reason: "request timed out")
            case .failed:
                throw .closed
            case .readable:
                break
            }
            let socket = fd
            let received = chunk.withUnsafeMutableBytes { recv(socket, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if received > 0 {
                if deadline == nil { deadline = ContinuousClock.now + limits.requestTimeout }
                buffer += chunk[0..<received]
                return
            }
            if received == 0 {
                if atRequestStart { throw .closed }
                throw .invalid(status: 400, reason: "connection closed mid-request")
            }
            let code = errno
            if code == EINTR || code == EAGAIN || code == EWOULDBLOCK { continue }
            throw .closed
        }
    }
}
