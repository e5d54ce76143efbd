import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPServer
import TestSupport
import Testing

/// Records what handlers observed, for assertions after the fact.
actor HandlerEvents {
    private(set) var cancelledPaths: [String] = []
    private(set) var started = 0
    private(set) var finished = 0
    func recordCancelled(_ path: String) { cancelledPaths.append(path) }
    func recordStart() { started += 1 }
    func recordFinish() { finished += 1 }
}

/// Routes used by every test: /hello, /echo, /slow, /form, anything else 404.
func makeTestServer(events: HandlerEvents = HandlerEvents(), maxConnections: Int = 256) -> HTTPServer {
    HTTPServer(port: 0, maxConnections: maxConnections) { request in
        switch request.path {
        case "/hello":
            return .text(200, "hello \(request.query["name"] ?? "world")")
        case "/echo":
            var response = HTTPResponse.json(200, request.body)
            response.headers.append(("X-Method", request.method))
            response.headers.append(("X-Length", String(request.body.count)))
            return response
        case "/slow":
            await events.recordStart()
            let milliseconds = Int(request.query["ms"] ?? "1000") ?? 1000
            do {
                try await Task.sleep(for: .milliseconds(milliseconds))
            } catch {
                await events.recordCancelled(request.path)
                return .text(503, "cancelled")
            }
            await events.recordFinish()
            return .text(200, "slow done")
        case "/form":
            let values = request.formValues
            return .text(200, values.keys.sorted().map { "\($0)=\(values[$0]!)" }.joined(separator: ";"))
        case "/close":
            return HTTPResponse(status: 200, headers: [("Connection", "close")], body: Array("bye".utf8))
        default:
            return .notFound
        }
    }
}

func makeSession() -> URLSession {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.httpMaximumConnectionsPerHost = 64
    configuration.timeoutIntervalForRequest = 30
    return URLSession(configuration: configuration)
}

@Suite("HTTPServer")
struct HTTPServerTests {
    @Test("port 0 binds an ephemeral port; GET with query; unknown path is 404")
    func getAndNotFound() async throws {
        let server = makeTestServer()
        let port = try server.start()
        defer { server.stop() }
        #expect(port > 0)
        #expect(server.port == port)
        let session = makeSession()
        let (data, response) = try await session.data(from: URL(string: "http://127.0.0.1:\(port)/hello?name=Sara%20J")!)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: data, as: UTF8.self) == "hello Sara J")
        let (_, missing) = try await session.data(from: URL(string: "http://127.0.0.1:\(port)/nope")!)
        #expect((missing as? HTTPURLResponse)?.statusCode == 404)
    }

    @Test("POST bodies arrive whole, including large ones sent with Expect: 100-continue")
    func postBodies() async throws {
        let server = makeTestServer()
        let port = try server.start()
        defer { server.stop() }
        let session = makeSession()
        for size in [0, 10, 5_000, 2_000_000] {
            var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/echo")!)
            request.httpMethod = "POST"
            let body = Data((0..<size).map { UInt8(truncatingIfNeeded: $0 % 251) })
            request.httpBody = body
            let started = ContinuousClock.now
            let (data, response) = try await session.data(for: request)
            let http = try #require(response as? HTTPURLResponse)
            #expect(http.statusCode == 200)
            #expect(http.value(forHTTPHeaderField: "X-Length") == String(size))
            #expect(data == body)
            if size > 1024, size < 100_000 {
                #expect(ContinuousClock.now - started < .milliseconds(900), "no 1 s wait for 100 Continue")
            }
        }
    }

    @Test("form-urlencoded bodies are decoded")
    func formValues() async throws {
        let server = makeTestServer()
        let port = try server.start()
        defer { server.stop() }
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/form")!)
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("chat_id=42&text=hi+there%21&empty=".utf8)
        let (data, _) = try await makeSession().data(for: request)
        #expect(String(decoding: data, as: UTF8.self) == "chat_id=42;empty=;text=hi there!")
    }

    @Test("chunked request bodies are de-chunked")
    func chunkedBody() async throws {
        let server = makeTestServer()
        let port = try server.start()
        defer { server.stop() }
        let connection = try RawConnection(port: port)
        await connection.send(
            "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\n{\"a\":\r\n3;ext=1\r\n12}\r\n0\r\nX-Trailer: t\r\n\r\n")
        let responses = await connection.readResponses(1)
        #expect(responses.first?.status == 200)
        #expect(responses.first?.body == "{\"a\":12}")
    }

    @Test("keep-alive: sequential and pipelined requests share one connection")
    func keepAlive() async throws {
        let server = makeTestServer()
        let port = try server.start()
        defer { server.stop() }
        let connection = try RawConnection(port: port)
        await connection.send("GET /hello?name=one HTTP/1.1\r\nHost: x\r\n\r\n")
        let first = await connection.readResponses(1)
        #expect(first.first?.body == "hello one")
        #expect(first.first?.headers["connection"] == "keep-alive")
        await connection.send(
            "GET /hello?name=two HTTP/1.1\r\nHost: x\r\n\r\n"
                + "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nhi"
                + "GET /missing HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        let rest = await connection.readResponses(3)
        #expect(rest.map(\.status) == [200, 200, 404])
        #expect(rest.map(\.body).prefix(2) == ["hello two", "hi"])
        #expect(rest.last?.headers["connection"] == "close")
        #expect(await connection.isClosedByPeer())
    }

    @Test("HTTP/1.0 without keep-alive and a handler asking to close both close the connection")
    func closeSemantics() async throws {
        let server = makeTestServer()
        let port = try server.start()
        defer { server.stop() }
        let old = try RawConnection(port: port)
        await old.send("GET /hello HTTP/1.0\r\n\r\n")
        #expect(await old.readResponses(1).first?.headers["connection"] == "close")
        #expect(await old.isClosedByPeer())
        let asked = try RawConnection(port: port)
        await asked.send("GET /close HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await asked.readResponses(1).first?.body == "bye")
        #expect(await asked.isClosedByPeer())
    }

    @Test("malformed requests get 400 and the connection closes")
    func malformed() async throws {
        let server = makeTestServer()
        let port = try server.start()
        defer { server.stop() }
        let connection = try RawConnection(port: port)
        await connection.send("NONSENSE\r\n\r\n")
        #expect(await connection.readResponses(1).first?.status == 400)
        #expect(await connection.isClosedByPeer())
    }

    @Test("many long-suspending handlers run concurrently and don't block a quick request")
    func concurrentLongRequests() async throws {
        let events = HandlerEvents()
        let server = makeTestServer(events: events)
        let port = try server.start()
        defer { server.stop() }
        let session = makeSession()
        let started = ContinuousClock.now
        try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<40 {
                group.addTask {
                    let (data, _) = try await session.data(from: URL(string: "http://127.0.0.1:\(port)/slow?ms=5000")!)
                    return String(decoding: data, as: UTF8.self)
                }
            }
            try? await eventually(within: .seconds(5), "40 slow handlers to start") { await events.started >= 40 }
            let quickStart = ContinuousClock.now
            let (data, _) = try await session.data(from: URL(string: "http://127.0.0.1:\(port)/hello")!)
            #expect(String(decoding: data, as: UTF8.self) == "hello world")
            // Answered while every slow handler is still suspended: not queued behind them.
            #expect(await events.finished == 0, "quick request waited \(ContinuousClock.now - quickStart)")
            var bodies: [String] = []
            for try await body in group { bodies.append(body) }
            #expect(bodies == Array(repeating: "slow done", count: 40))
        }
        #expect(ContinuousClock.now - started < .seconds(20), "40 × 5 s handlers must overlap (serial would take 200 s)")
    }

    @Test("a client that goes away cancels its suspended handler")
    func clientGoneCancelsHandler() async throws {
        let events = HandlerEvents()
        let server = makeTestServer(events: events)
        let port = try server.start()
        defer { server.stop() }
        let connection = try RawConnection(port: port)
        await connection.send("GET /slow?ms=30000 HTTP/1.1\r\nHost: x\r\n\r\n")
        try await eventually(within: .seconds(10), "the slow handler to start") { await events.started >= 1 }
        connection.shutdownNow()
        try? await eventually(within: .seconds(3), "the handler to be cancelled") { await !events.cancelledPaths.isEmpty }
        #expect(await events.cancelledPaths == ["/slow"])
    }

    @Test("stop() closes connections, cancels handlers and frees the port")
    func stopIsClean() async throws {
        let events = HandlerEvents()
        let server = makeTestServer(events: events)
        let port = try server.start()
        let idle = try RawConnection(port: port)
        await idle.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await idle.readResponses(1).count == 1)
        let pending = try RawConnection(port: port)
        await pending.send("GET /slow?ms=30000 HTTP/1.1\r\nHost: x\r\n\r\n")
        try await eventually(within: .seconds(10), "the slow handler to start") { await events.started >= 1 }

        let stopStarted = ContinuousClock.now
        server.stop()
        #expect(ContinuousClock.now - stopStarted < .seconds(2))
        #expect(await idle.isClosedByPeer())
        #expect(await pending.isClosedByPeer())
        try? await eventually(within: .seconds(2), "the handler to be cancelled") { await !events.cancelledPaths.isEmpty }
        #expect(await events.cancelledPaths == ["/slow"])
        server.stop()  // idempotent
        #expect(throws: HTTPServerError.self) { try server.start() }

        let again = HTTPServer(port: port) { _ in .text(200, "again") }
        #expect(try again.start() == port)
        again.stop()
    }

    @Test("connections beyond maxConnections are answered 503 while every connection has a handler running")
    func connectionBound() async throws {
        let events = HandlerEvents()
        let server = makeTestServer(events: events, maxConnections: 1)
        let port = try server.start()
        defer { server.stop() }
        let first = try RawConnection(port: port)
        await first.send("GET /slow?ms=30000 HTTP/1.1\r\nHost: x\r\n\r\n")
        try await eventually(within: .seconds(10), "the slow handler to start") { await events.started >= 1 }
        let second = try RawConnection(port: port)
        #expect(await second.readResponses(1).first?.status == 503)
    }

    @Test("beyond maxConnections, the connection waiting longest is evicted to serve the new one")
    func connectionEviction() async throws {
        let server = makeTestServer(maxConnections: 1)
        let port = try server.start()
        defer { server.stop() }
        let first = try RawConnection(port: port)
        await first.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await first.readResponses(1).first?.status == 200)  // now idle, kept alive
        // The server marks the first connection idle just after writing its response; a connection
        // arriving in between finds every connection busy and is answered 503 (as in
        // `connectionBound`), so new connections are tried until one is admitted.
        let answer = try await eventuallyValue(within: .seconds(10), "a new connection admitted by evicting the idle one") {
            () async throws -> RawResponse? in
            let second = try RawConnection(port: port)
            await second.send("GET /hello?name=second HTTP/1.1\r\nHost: x\r\n\r\n")
            let response = await second.readResponses(1).first
            return response?.status == 503 ? nil : response
        }
        #expect(answer.body == "hello second")
        #expect(await first.isClosedByPeer())
    }

    @Test("binding a port in use fails with a typed, retriable error")
    func bindConflict() throws {
        let server = makeTestServer()
        let port = try server.start()
        defer { server.stop() }
        let clash = HTTPServer(port: port) { _ in .notFound }
        #expect {
            try clash.start()
        } throws: { error in
            (error as? HTTPServerError)?.code == .bindFailed && (error as? HTTPServerError)?.isRetriable == true
        }
    }
}
