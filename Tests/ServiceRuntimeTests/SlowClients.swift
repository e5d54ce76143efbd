#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch

/// Sockets that connect and send part of a request, then say nothing more (slowloris). Blocking
/// socket calls run on a dispatch queue behind continuations, never on the cooperative pool.
final class SlowClients: Sendable {
    private let fds: [Int32]
    private static let queue = DispatchQueue(label: "slow-clients")

    private init(fds: [Int32]) { self.fds = fds }

    /// Opens `count` connections to `127.0.0.1:port`, each sending `partial`.
    static func open(_ count: Int, port: Int, sending partial: String) async -> SlowClients {
        await withCheckedContinuation { continuation in
            queue.async {
                var fds: [Int32] = []
                for _ in 0..<count {
                    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                    guard fd >= 0 else { continue }
                    var address = sockaddr_in()
                    address.sin_family = sa_family_t(AF_INET)
                    address.sin_port = UInt16(port).bigEndian
                    address.sin_addr.s_addr = inet_addr("127.0.0.1")
                    let connected = withUnsafePointer(to: &address) {
                        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                            connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                        }
                    }
                    guard connected == 0 else {
                        close(fd)
                        continue
                    }
                    var timeout = timeval(tv_sec: 5, tv_usec: 0)
                    _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                    _ = Array(partial.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                    fds.append(fd)
                }
                continuation.resume(returning: SlowClients(fds: fds))
            }
        }
    }

    /// Connections opened.
    var count: Int { fds.count }

    /// Whether the server closed the `index`th connection (waits up to the 5 s receive timeout).
    func wasClosedByServer(_ index: Int) async -> Bool {
        let fd = fds[index]
        return await withCheckedContinuation { continuation in
            Self.queue.async {
                var byte: UInt8 = 0
                continuation.resume(returning: recv(fd, &byte, 1, 0) == 0)
            }
        }
    }

    deinit { for fd in fds { close(fd) } }
}
