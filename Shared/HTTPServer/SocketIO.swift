#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the socket syscalls the server needs, so the rest reads as Swift.
enum SocketIO {
    /// `strerror` text for an errno value.
    static func errorText(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    /// Creates, configures, binds and listens; returns the listening fd and the bound port.
    static func listen(host: String, port: Int, backlog: Int32) throws(HTTPServerError) -> (fd: Int32, port: Int) {
        guard (0...65535).contains(port) else {
            throw HTTPServerError(code: .invalidAddress, message: "port \(port) out of range")
        }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = socketStreamType
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, String(port), &hints, &list)
        guard status == 0, let first = list else {
            let text = status == 0 ? "no address" : String(cString: gai_strerror(status))
            throw HTTPServerError(code: .invalidAddress, message: "resolve \(host): \(text)")
        }
        defer { freeaddrinfo(list) }

        var lastError = HTTPServerError(code: .bindFailed, message: "bind \(host):\(port): no usable address")
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let info = cursor {
            cursor = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, socketStreamType | socketCloexecFlag, info.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = syscallError(.bindFailed, "socket", host: host, port: port)
                continue
            }
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                lastError = syscallError(.bindFailed, "bind", host: host, port: port)
                close(fd)
                continue
            }
            guard Glibc.listen(fd, backlog) == 0 else {
                lastError = syscallError(.bindFailed, "listen", host: host, port: port)
                close(fd)
                continue
            }
            return (fd, boundPort(fd) ?? port)
        }
        throw lastError
    }

    private static func syscallError(
        _ code: HTTPServerError.Code, _ call: String, host: String, port: Int
    )
        -> HTTPServerError
    {
        let number = errno
        return HTTPServerError(code: code, message: "\(call) \(host):\(port): \(errorText(number))", errno: number)
    }

    /// Accepts one connection and marks it close-on-exec (glibc's `accept4` is not imported).
    static func accept(_ listenFD: Int32) -> Int32 {
        #if canImport(Glibc)
        let fd = Glibc.accept(listenFD, nil, nil)
        #else
        let fd = Darwin.accept(listenFD, nil, nil)
        #endif
        if fd >= 0 { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        return fd
    }

    /// The local port of a bound socket (IPv4 or IPv6).
    static func boundPort(_ fd: Int32) -> Int? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { Int(UInt16(bigEndian: $0.pointee.sin_port)) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) {
                $0.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
        default:
            return nil
        }
    }

    /// Sets receive and send timeouts and disables Nagle (responses are written in one piece).
    static func configureConnection(_ fd: Int32, receiveTimeout: Duration, sendTimeout: Duration) {
        var receive = timeval(duration: receiveTimeout)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &receive, socklen_t(MemoryLayout<timeval>.size))
        var send = timeval(duration: sendTimeout)
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &send, socklen_t(MemoryLayout<timeval>.size))
        var one: Int32 = 1
        _ = setsockopt(fd, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    /// Writes all bytes; false when the peer is gone or the send timed out.
    static func writeAll(_ fd: Int32, _ bytes: [UInt8]) -> Bool {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                return false
            }
            offset += written
        }
        return true
    }

    /// What `waitReadable` saw.
    enum Readiness {
        /// Bytes (or EOF, or an error) wait to be received.
        case readable
        /// Nothing arrived in time.
        case timedOut
        /// The descriptor is not usable (closed under us).
        case failed
    }

    /// Waits until `fd` has something to receive, at most `timeout` (rounded up to a millisecond).
    static func waitReadable(_ fd: Int32, timeout: Duration) -> Readiness {
        let (seconds, attoseconds) = timeout.components
        let milliseconds =
            seconds >= Int64(Int32.max / 1000)
            ? Int32.max : Int32(max(0, seconds * 1000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000))
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        while true {
            let ready = poll(&entry, 1, milliseconds)
            if ready < 0 {
                if errno == EINTR { continue }  // the caller's deadline bounds the total wait
                return .failed
            }
            if ready == 0 { return .timedOut }
            return entry.revents & Int16(POLLNVAL) != 0 ? .failed : .readable
        }
    }

    /// Before closing after an error answer with request bytes maybe still unread: stops sending
    /// and reads and drops what the client still sends, briefly, so the close is a FIN and not a
    /// reset that could destroy the answer in the client's receive buffer.
    static func lingerBeforeClose(_ fd: Int32, atMost: Duration = .milliseconds(200), maxBytes: Int = 256 * 1024) {
        shutdown(fd, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + atMost
        var discarded = 0
        var scratch = [UInt8](repeating: 0, count: 16384)
        while discarded < maxBytes {
            let left = deadline - ContinuousClock.now
            guard left > .zero, waitReadable(fd, timeout: left) == .readable else { return }
            let received = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
            if received == 0 { return }
            if received < 0 {
                if errno == EINTR || errno == EAGAIN || errno == EWOULDBLOCK { continue }
                return
            }
            discarded += received
        }
    }

    /// True when the peer has closed its side or the socket has an error (checked without blocking).
    static func peerHasClosed(_ fd: Int32) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let ready = poll(&entry, 1, 0)
        guard ready > 0 else { return ready < 0 && errno != EINTR }
        if entry.revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 { return true }
        var byte: UInt8 = 0
        let peeked = recv(fd, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        if peeked == 0 { return true }
        return peeked < 0 && errno != EAGAIN && errno != EWOULDBLOCK && errno != EINTR
    }

    #if canImport(Glibc)
    static let socketStreamType = Int32(SOCK_STREAM.rawValue)
    static let socketCloexecFlag = Int32(SOCK_CLOEXEC.rawValue)
    #else
    static let socketStreamType = SOCK_STREAM
    static let socketCloexecFlag: Int32 = 0
    #endif
}

extension timeval {
    /// A `timeval` from a Swift `Duration` (sub-microsecond parts dropped).
    init(duration: Duration) {
        let (seconds, attoseconds) = duration.components
        self.init(tv_sec: .init(seconds), tv_usec: .init(attoseconds / 1_000_000_000_000))
    }
}
