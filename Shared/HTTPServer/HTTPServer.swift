#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization

/// A minimal HTTP/1.1 server on POSIX sockets, for health endpoints and stand-ins.
///
/// One dedicated thread accepts; each connection gets its own thread (bounded by
/// `maxConnections`) that reads requests and writes responses, so no blocking syscall ever runs
/// on the cooperative pool. The handler runs in a `Task` while the connection thread waits on a
/// semaphore: a handler may suspend for a long time (long polling) without holding anything but
/// that connection. If the client goes away or the server stops while a handler is suspended,
/// the handler's task is cancelled.
public final class HTTPServer: Sendable {
    /// Signature of the request handler.
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse

    private enum Phase { case idle, running, stopped }

    private struct Connection {
        let fd: Int32
        var task: Task<Void, Never>?
    }

    private struct State {
        var phase = Phase.idle
        var listenFD: Int32 = -1
        var port: Int?
        var connections: [Int: Connection] = [:]
        var nextConnectionID = 0
    }

    private let host: String
    private let requestedPort: Int
    private let maxConnections: Int
    private let idleTimeout: Duration
    private let limits: HTTPRequestReader.Limits
    private let handler: Handler
    private let state = Mutex(State())
    private let acceptLoopEnded = DispatchSemaphore(value: 0)

    /// Creates a server; nothing is bound until `start()`.
    /// - Parameters:
    ///   - host: address to bind (`127.0.0.1`, `0.0.0.0`, `::`...).
    ///   - port: port to bind; 0 picks a free ephemeral port (returned by `start()`).
    ///   - maxConnections: open connections served at once; more are answered 503 and closed.
    ///   - idleTimeout: how long a keep-alive connection may sit idle (or a request may stall).
    ///   - maxBodyBytes: larger request bodies are answered 413.
    ///   - handler: turns a request into a response; may suspend for long.
    public init(
        host: String = "127.0.0.1", port: Int, maxConnections: Int = 256, idleTimeout: Duration = .seconds(60),
        maxBodyBytes: Int = 16 * 1024 * 1024, handler: @escaping Handler
    ) {
        self.host = host
        self.requestedPort = port
        self.maxConnections = max(1, maxConnections)
        self.idleTimeout = idleTimeout
        self.limits = HTTPRequestReader.Limits(maxBodyBytes: maxBodyBytes)
        self.handler = handler
    }

    deinit {
        let fd = state.withLock { $0.listenFD }
        if fd >= 0 { close(fd) }
    }

    /// The bound port once `start()` has succeeded.
    public var port: Int? { state.withLock { $0.port } }

    /// Binds (with `SO_REUSEADDR`), listens and starts the accept thread.
    /// - Returns: the port actually bound (useful with port 0).
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        let phase = state.withLock { $0.phase }
        guard phase == .idle else {
            throw HTTPServerError(code: .invalidState, message: "start() on a server that is \(phase)")
        }
        let (fd, port) = try SocketIO.listen(host: host, port: requestedPort, backlog: SOMAXCONN)
        let accepted = state.withLock { state -> Bool in
            guard state.phase == .idle else { return false }
            state.phase = .running
            state.listenFD = fd
            state.port = port
            return true
        }
        guard accepted else {
            close(fd)
            throw HTTPServerError(code: .invalidState, message: "server was started or stopped concurrently")
        }
        let thread = Thread { [self] in acceptLoop(listenFD: fd) }
        thread.name = "http-accept-\(port)"
        thread.start()
        return port
    }

    /// Stops listening, closes every open connection and cancels handlers still running.
    /// Returns once the port is released and connection threads have wound down (at most ~2 s).
    /// Idempotent; a stopped server cannot be started again.
    public func stop() {
        let wasRunning = state.withLock { state -> Bool in
            let wasRunning = state.phase == .running
            state.phase = .stopped
            // shutdown (not close) under the lock: the owning thread closes, so an fd number is
            // never touched after it could have been reused.
            if state.listenFD >= 0 { shutdown(state.listenFD, Int32(SHUT_RDWR)) }
            for connection in state.connections.values {
                shutdown(connection.fd, Int32(SHUT_RDWR))
                connection.task?.cancel()
            }
            return wasRunning
        }
        guard wasRunning else { return }
        _ = acceptLoopEnded.wait(timeout: .now() + .seconds(2))
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline, !state.withLock({ $0.connections.isEmpty }) {
            usleep(5_000)
        }
    }

    // MARK: - Accept loop (dedicated thread)

    private func acceptLoop(listenFD: Int32) {
        defer {
            state.withLock { state in
                close(state.listenFD)
                state.listenFD = -1
            }
            acceptLoopEnded.signal()
        }
        while true {
            let fd = SocketIO.accept(listenFD)
            if fd < 0 {
                let code = errno
                if state.withLock({ $0.phase != .running }) { return }
                if code == EINTR || code == ECONNABORTED { continue }
                usleep(code == EMFILE || code == ENFILE ? 50_000 : 1_000)  // out of fds: let some close
                continue
            }
            let admission = state.withLock { state -> Int? in
                guard state.phase == .running, state.connections.count < maxConnections else { return nil }
                let id = state.nextConnectionID
                state.nextConnectionID += 1
                state.connections[id] = Connection(fd: fd, task: nil)
                return id
            }
            guard let id = admission else {
                if state.withLock({ $0.phase == .running }) { rejectOverloaded(fd) } else { close(fd) }
                continue
            }
            let thread = Thread { [self] in serveConnection(id: id, fd: fd) }
            thread.name = "http-conn-\(id)"
            thread.stackSize = 512 * 1024
            thread.start()
        }
    }

    private func rejectOverloaded(_ fd: Int32) {
        SocketIO.configureConnection(fd, receiveTimeout: .milliseconds(100), sendTimeout: .milliseconds(100))
        let response = HTTPResponse.text(503, "too many connections")
        _ = SocketIO.writeAll(fd, Self.serialize(response, keepAlive: false, omitBody: false))
        close(fd)
    }

    // MARK: - Connection (one thread each)

    private func serveConnection(id: Int, fd: Int32) {
        defer {
            state.withLock { state in
                state.connections[id] = nil
                close(fd)
            }
        }
        SocketIO.configureConnection(fd, receiveTimeout: idleTimeout, sendTimeout: .seconds(30))
        var reader = HTTPRequestReader(fd: fd, limits: limits)
        while state.withLock({ $0.phase == .running }) {
            let request: HTTPRequest
            do {
                request = try reader.readRequest {
                    _ = SocketIO.writeAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                }
            } catch {
                if case .invalid(let status, let reason) = error {
                    let response = HTTPResponse.text(status, reason)
                    _ = SocketIO.writeAll(fd, Self.serialize(response, keepAlive: false, omitBody: false))
                }
                return
            }
            guard let response = runHandler(request, connectionID: id, fd: fd) else { return }
            let keepAlive = Self.wantsKeepAlive(request) && !Self.asksToClose(response)
                && state.withLock { $0.phase == .running }
            let bytes = Self.serialize(response, keepAlive: keepAlive, omitBody: request.method == "HEAD")
            guard SocketIO.writeAll(fd, bytes), keepAlive else { return }
        }
    }

    /// Runs the handler in a task and waits for it on this (dedicated) thread.
    /// Returns nil when the server stopped or the client left first (the task is then cancelled).
    private func runHandler(_ request: HTTPRequest, connectionID: Int, fd: Int32) -> HTTPResponse? {
        let outcome = HandlerOutcome()
        let handler = self.handler
        let task = Task {
            let response = await handler(request)
            outcome.deliver(response)
        }
        let running = state.withLock { state -> Bool in
            state.connections[connectionID]?.task = task
            return state.phase == .running
        }
        defer { state.withLock { $0.connections[connectionID]?.task = nil } }
        if !running { task.cancel() }
        while true {
            if outcome.wait(timeout: .milliseconds(250)) { return outcome.response }
            if state.withLock({ $0.phase != .running }) || SocketIO.peerHasClosed(fd) {
                task.cancel()
                return nil
            }
        }
    }

    // MARK: - Serialization

    static func wantsKeepAlive(_ request: HTTPRequest) -> Bool {
        let tokens = (request.header("Connection") ?? "").lowercased()
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        if tokens.contains("close") { return false }
        if request.version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return true
    }

    static func asksToClose(_ response: HTTPResponse) -> Bool {
        response.header("Connection")?.lowercased().contains("close") ?? false
    }

    static func serialize(_ response: HTTPResponse, keepAlive: Bool, omitBody: Bool) -> [UInt8] {
        let bodyless = response.status == 204 || response.status == 304 || (100..<200).contains(response.status)
        var head = "HTTP/1.1 \(response.status) \(HTTPResponse.reasonPhrase(response.status))\r\n"
        let managed: Set<String> = ["content-length", "connection", "transfer-encoding"]
        for (name, value) in response.headers where !managed.contains(name.lowercased()) {
            head += "\(name): \(value)\r\n"
        }
        if !bodyless { head += "Content-Length: \(response.body.count)\r\n" }
        head += keepAlive ? "Connection: keep-alive\r\n\r\n" : "Connection: close\r\n\r\n"
        var bytes = Array(head.utf8)
        if !bodyless, !omitBody { bytes += response.body }
        return bytes
    }
}

/// Hands a handler's response from its task to the waiting connection thread.
private final class HandlerOutcome: Sendable {
    private let value = Mutex<HTTPResponse?>(nil)
    private let done = DispatchSemaphore(value: 0)

    func deliver(_ response: HTTPResponse) {
        value.withLock { $0 = response }
        done.signal()
    }

    /// True once delivered (waits at most `timeout`).
    func wait(timeout: Duration) -> Bool {
        let (seconds, attoseconds) = timeout.components
        let nanoseconds = Int(seconds) * 1_000_000_000 + Int(attoseconds / 1_000_000_000)
        if done.wait(timeout: .now() + .nanoseconds(nanoseconds)) == .success {
            done.signal()  // keep it signalled for repeated checks
            return true
        }
        return false
    }

    var response: HTTPResponse? { value.withLock { $0 } }
}
