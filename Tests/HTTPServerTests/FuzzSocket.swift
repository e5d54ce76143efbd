#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A blocking HTTP client socket for the fuzz suite; used only on the fuzz worker's own thread.
final class FuzzSocket {
    /// What reading one answer produced.
    enum Answer: Equatable {
        /// A well-formed response: a valid status line, a head, and `Content-Length` body bytes.
        case response(status: Int, connectionClose: Bool, body: [UInt8])
        /// The server closed (FIN or reset) before any byte of an answer.
        case closed
        /// Bytes that are not a valid HTTP response, or a close in the middle of one.
        case garbage(String)
        /// Nothing within the receive timeout: the server hangs.
        case timedOut
    }

    private let fd: Int32
    private var buffer: [UInt8] = []

    init?(port: Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
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
            return nil
        }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        self.fd = fd
    }

    deinit { close(fd) }

    /// Sends everything; false once the server has closed.
    @discardableResult
    func send(_ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fd, $0.baseAddress! + offset, bytes.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent <= 0 { return false }
            offset += sent
        }
        return true
    }

    /// Tells the server nothing more comes (so a truncated request ends instead of waiting).
    func finishSending() { shutdown(fd, Int32(SHUT_WR)) }

    /// Reads one answer, skipping interim 1xx responses. `headRequest`: the answer has no body.
    func readAnswer(headRequest: Bool = false) -> Answer {
        while true {
            guard let headEnd = readUntilHeadEnd() else {
                if buffer.isEmpty { return lastReadTimedOut ? .timedOut : .closed }
                return lastReadTimedOut ? .timedOut : .garbage("close mid-head: \(printable(buffer))")
            }
            let head = String(decoding: buffer[0..<headEnd], as: UTF8.self)
            let lines = head.components(separatedBy: "\r\n")
            guard let status = Self.status(ofLine: lines[0]) else { return .garbage("status line: \(lines[0])") }
            var length = 0
            var close = false
            for line in lines.dropFirst() {
                let parts = line.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2 else { return .garbage("header: \(line)") }
                switch parts[0].lowercased() {
                case "content-length":
                    guard let value = Int(parts[1]), value >= 0 else { return .garbage("length: \(line)") }
                    length = value
                case "connection":
                    close = parts[1].lowercased() == "close"
                default:
                    continue
                }
            }
            buffer.removeFirst(headEnd + 4)
            if (100..<200).contains(status) { continue }
            if headRequest || status == 204 || status == 304 { length = 0 }
            while buffer.count < length {
                guard receive() else { return .garbage("close mid-body") }
            }
            let body = Array(buffer[0..<length])
            buffer.removeFirst(length)
            return .response(status: status, connectionClose: close, body: body)
        }
    }

    /// `HTTP/1.1 ddd Reason`, status 100...599.
    static func status(ofLine line: String) -> Int? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 13, line.hasPrefix("HTTP/1.1 "), bytes[12] == UInt8(ascii: " ") else { return nil }
        guard let status = Int(String(decoding: bytes[9..<12], as: UTF8.self)), (100...599).contains(status) else {
            return nil
        }
        return bytes[13...].allSatisfy { $0 >= 0x20 && $0 != 0x7F } ? status : nil
    }

    private var lastReadTimedOut = false

    private func readUntilHeadEnd() -> Int? {
        var searched = 0
        while true {
            if buffer.count >= 4 {
                for index in max(0, searched - 3)...(buffer.count - 4)
                where buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 {
                    return index
                }
                searched = buffer.count
            }
            guard receive() else { return nil }
        }
    }

    private func receive() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if received > 0 {
            buffer += chunk[0..<received]
            return true
        }
        lastReadTimedOut = received < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)
        return false
    }

    private func printable(_ bytes: [UInt8]) -> String {
        String(decoding: bytes.prefix(80), as: UTF8.self).debugDescription
    }
}
