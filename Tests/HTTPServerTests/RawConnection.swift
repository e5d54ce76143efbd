#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A plain TCP client for byte-exact HTTP tests (chunked bodies, pipelining, HTTP/1.0).
/// Blocking socket calls run on private serial queues behind continuations, never on the pool;
/// sending has its own queue, so a test can trickle bytes while a read waits.
final class RawConnection: Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "raw-connection")
    private let sendQueue = DispatchQueue(label: "raw-connection-send")

    init(port: Int) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw RawConnectionError(message: "socket failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = UInt16(port).bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            close(fd)
            throw RawConnectionError(message: "connect failed: \(errno)")
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    deinit { close(fd) }

    func send(_ text: String) async {
        let bytes = Array(text.utf8)
        let fd = self.fd
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            sendQueue.async {
                var offset = 0
                while offset < bytes.count {
                    let sent = bytes.withUnsafeBytes {
                        Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
                    }
                    if sent <= 0 { break }
                    offset += sent
                }
                continuation.resume()
            }
        }
    }

    /// Reads until `count` complete responses (Content-Length framed) arrived or the peer closed.
    func readResponses(_ count: Int) async -> [RawResponse] {
        let fd = self.fd
        return await withCheckedContinuation { continuation in
            queue.async {
                var buffer: [UInt8] = []
                var responses: [RawResponse] = []
                var chunk = [UInt8](repeating: 0, count: 65536)
                while responses.count < count {
                    while let (response, used) = RawResponse.parse(buffer) {
                        responses.append(response)
                        buffer.removeFirst(used)
                        if responses.count == count { break }
                    }
                    if responses.count == count { break }
                    let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                    if received <= 0 { break }
                    buffer += chunk[0..<received]
                }
                continuation.resume(returning: responses)
            }
        }
    }

    /// True when the server closed the connection (recv returns 0) within the receive timeout.
    func isClosedByPeer() async -> Bool {
        let fd = self.fd
        return await withCheckedContinuation { continuation in
            queue.async {
                var byte: UInt8 = 0
                continuation.resume(returning: recv(fd, &byte, 1, 0) == 0)
            }
        }
    }

    /// Closes the socket now (simulates a client going away).
    func shutdownNow() { shutdown(fd, Int32(SHUT_RDWR)) }
}

struct RawConnectionError: Error { var message: String }

/// A response as seen on the wire.
struct RawResponse: Sendable {
    var status: Int
    var headers: [String: String]
    var body: String

    static func parse(_ buffer: [UInt8]) -> (RawResponse, Int)? {
        let separator: [UInt8] = Array("\r\n\r\n".utf8)
        guard buffer.count >= 4,
            let headEnd = (0...(buffer.count - 4)).first(where: { Array(buffer[$0..<($0 + 4)]) == separator })
        else { return nil }
        let lines = String(decoding: buffer[0..<headEnd], as: UTF8.self).components(separatedBy: "\r\n")
        let status = Int(lines[0].split(separator: " ")[1]) ?? 0
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        let length = Int(headers["content-length"] ?? "0") ?? 0
        let bodyStart = headEnd + 4
        guard buffer.count >= bodyStart + length else { return nil }
        let body = String(decoding: buffer[bodyStart..<(bodyStart + length)], as: UTF8.self)
        return (RawResponse(status: status, headers: headers, body: body), bodyStart + length)
    }
}
