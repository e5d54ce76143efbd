#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Dispatch
import Foundation
import Synchronization

/// A minimal HTTP/1.1 server on POSIX sockets, for health endpoints, stand-ins and the bot's
/// webhook.
///
/// One dedicated thread accepts; each connection gets its own thread (bounded by
/// `maxConnections`) that reads requests and writes responses, so no blocking syscall ever runs
/// on the cooperative pool. The handler runs in a `Task` while the connection thread waits on a
/// semaphore: a handler may suspend for a long time (long polling) without holding anything but
/// that connection. If the client goes away or the server stops while a handler is suspended,
/// the handler's task is cancelled.
///
/// Hostile clients are bounded: a whole request (head and body) must arrive within
/// `requestTimeout`; the owner's `admission` decides from the head how much body a route takes,
/// or answers before the body is read; ambiguous framing is answered 400 and the connection
/// closed; and when all `maxConnections` slots are taken, the connection waiting longest is
/// evicted to make room (see `ConnectionTable`), so slow clients cannot starve a health probe.
public final class HTTPServer: Sendable {
    /// Signature of the request handler.
    public typealias Handler = @Sendable (HTTPRequest) async -> HTTPResponse
    /// Decides, from a request's head (its `body` is still empty), whether and how much of its
    /// body to read. Runs on the connection thread: it must be quick and must not block.
    public typealias Admission = @Sendable (HTTPRequest) -> HTTPRequestAdmission

    private enum Phase { case idle, running, stopped }

    private struct State {
        var phase = Phase.idle
        var listenFD: Int32 = -1
        var port: Int?
        var connections: ConnectionTable
    }

    private let host: String
    private let requestedPort: Int
    private let idleTimeout: Duration
    private let limits: HTTPRequestReader.Limits
    private let admission: Admission
    private let handler: Handler
    private let onEvent: (@Sendable (HTTPServerEvent) -> Void)?
    private let state: Mutex<State>
    private let acceptLoopEnded = DispatchSemaphore(value: 0)

    /// Creates a server; nothing is bound until `start()`.
    /// - Parameters:
    ///   - host: address to bind (`127.0.0.1`, `0.0.0.0`, `::`...).
    ///   - port: port to bind; 0 picks a free ephemeral port (returned by `start()`).
    ///   - maxConnections: open connections served at once. A further one evicts the connection
    ///     that has waited longest for (or in) a request; when every connection has a handler
    ///     running, it is answered 503 and closed.
    ///   - idleTimeout: how long a keep-alive connection may wait for a request to begin.
    ///   - requestTimeout: how long one request, head and body, may take from its first byte;
    ///     later it is answered 408 and the connection closed.
    ///   - maxBodyBytes: larger request bodies are answered 413 (when `admission` gives no limit).
    ///   - admission: decides per request, from its head, the body limit or an early answer;
    ///     by default every request may send `maxBodyBytes`.
    ///   - onEvent: told of every request refused before the handler, every eviction and every 503
    ///     (on the connection threads: keep it quick and non-blocking).
    ///   - handler: turns a request into a response; may suspend for long.
    public init(
        host: String = "127.0.0.1", port: Int, maxConnections: Int = 256, idleTimeout: Duration = .seconds(60),
        requestTimeout: Duration = .seconds(30), maxBodyBytes: Int = 16 * 1024 * 1024,
        admission: Admission? = nil, onEvent: (@Sendable (HTTPServerEvent) -> Void)? = nil, handler: @escaping Handler
    ) {
        self.onEvent = onEvent
        self.host = host
        self.requestedPort = port
        self.idleTimeout = idleTimeout
        self.limits = HTTPRequestReader.Limits(idleTimeout: idleTimeout, requestTimeout: requestTimeout)
        self.admission = admission ?? { _ in .read(maxBodyBytes: maxBodyBytes) }
        self.handler = handler
        self.state = Mutex(State(connections: ConnectionTable(capacity: maxConnections)))
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
            for connection in state.connections.entries.values {
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
            let admission = state.withLock { state -> (Int, Bool)? in
                guard state.phase == .running else { return nil }
                guard case .admitted(let id, let victim) = state.connections.admit(fd: fd, now: .now) else { return nil }
                // Under the lock, so the victim's fd cannot have been closed and reused meanwhile;
                // its own thread sees EOF and closes it.
                if let victim { shutdown(victim, Int32(SHUT_RDWR)) }
                return (id, victim != nil)
            }
            guard let (id, evicted) = admission else {
                if state.withLock({ $0.phase == .running }) {
                    rejectOverloaded(fd)
                    onEvent?(.overloaded)
                } else {
                    close(fd)
                }
                continue
            }
            if evicted { onEvent?(.evicted) }
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
                state.connections.remove(id)
                close(fd)
            }
        }
        SocketIO.configureConnection(fd, receiveTimeout: idleTimeout, sendTimeout: .seconds(30))
        var reader = HTTPRequestReader(fd: fd, limits: limits)
        while state.withLock({ $0.phase == .running }) {
            var request: HTTPRequest
            do {
                let head = try reader.readHead()
                request = head.request
                switch admission(request) {
                case .reject(let response):
                    // An unread body would be taken for the next request: close unless there is none.
                    let keepAlive = !head.framing.hasBody && Self.wantsKeepAlive(request) && !Self.asksToClose(response)
                    let bytes = Self.serialize(response, keepAlive: keepAlive, omitBody: request.method == "HEAD")
                    guard SocketIO.writeAll(fd, bytes) else { return }
                    guard keepAlive else { return SocketIO.lingerBeforeClose(fd) }
                    continue
                case .read(let maxBodyBytes):
                    request.body = try reader.readBody(of: head, maxBodyBytes: maxBodyBytes) {
                        _ = SocketIO.writeAll(fd, Array("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                    }
                }
            } catch {
                if case .invalid(let status, let reason) = error {
                    onEvent?(.rejected(status: status, reason: reason))
                    let response = HTTPResponse.text(status, reason)
                    if SocketIO.writeAll(fd, Self.serialize(response, keepAlive: false, omitBody: false)) {
                        SocketIO.lingerBeforeClose(fd)
                    }
                }
                return
            }
            guard state.withLock({ $0.connections.beginHandling(id) }) else { return }  // evicted meanwhile
            guard let response = runHandler(request, connectionID: id, fd: fd) else { return }
            let keepAlive =
                Self.wantsKeepAlive(request) && !Self.asksToClose(response)
                && state.withLock { $0.phase == .running }
            let bytes = Self.serialize(response, keepAlive: keepAlive, omitBody: request.method == "HEAD")
            guard SocketIO.writeAll(fd, bytes), keepAlive else { return }
            state.withLock { $0.connections.endHandling(id, now: .now) }
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
            state.connections.setTask(task, for: connectionID)
            return state.phase == .running
        }
        defer { state.withLock { $0.connections.setTask(nil, for: connectionID) } }
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
