#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import HTTPServer
import Testing

/// Issue #11: hostile requests are answered (never a crash), ambiguous framing is refused, body
/// limits are per route and known before the body is read, a whole request has a deadline, and
/// slow clients cannot starve new ones.
@Suite("HTTPServer hardening")
struct HTTPServerHardeningTests {
    @Test("crafted framing is answered with its status and the connection closed", arguments: CraftedRequests.all)
    func craftedFraming(_ crafted: CraftedRequest) async throws {
        let server = GuardedServer.make()
        let port = try server.start()
        defer { server.stop() }
        let connection = try RawConnection(port: port)
        await connection.send(crafted.text)
        let started = ContinuousClock.now
        let responses = await connection.readResponses(1)
        #expect(responses.map(\.status) == [crafted.status])
        #expect(responses.first?.headers["connection"] == "close")
        #expect(await connection.isClosedByPeer())
        // Answered from what was sent: no waiting for a body that never comes.
        #expect(ContinuousClock.now - started < .seconds(5))
        // And the listener lives on.
        let next = try RawConnection(port: port)
        await next.send("GET /hello HTTP/1.1\r\nHost: x\r\n\r\n")
        #expect(await next.readResponses(1).first?.body == "hello world")
    }

    @Test("identical duplicate Content-Length values and chunk extensions are accepted")
    func tolerableFraming() async throws {
        let server = GuardedServer.make()
        let port = try server.start()
        defer { server.stop() }
        let connection = try RawConnection(port: port)
        await connection.send(
            "POST /echo HTTP/1.1\r\nContent-Length: 3\r\nContent-Length: 3\r\n\r\nabc"
                + "POST /echo HTTP/1.1\r\nContent-Length: 2, 2\r\n\r\nde"
                + "POST /echo HTTP/1.1\r\nTransfer-Encoding: Chunked\r\n\r\n2 ;x=y\r\nfg\r\n0\r\n\r\n")
        let responses = await connection.readResponses(3)
        #expect(responses.map(\.status) == [200, 200, 200])
        #expect(responses.map(\.body) == ["abc", "de", "fg"])
    }

    @Test("a request refused from its head without a body keeps the connection open")
    func earlyRejectionKeepsAlive() async throws {
        let server = GuardedServer.make()
        let port = try server.start()
        defer { server.stop() }
        let connection = try RawConnection(port: port)
        await connection.send(
            "GET /secret HTTP/1.1\r\nHost: x\r\n\r\n" + "POST /secret HTTP/1.1\r\nX-Secret: open\r\nContent-Length: 2\r\n\r\nok")
        let responses = await connection.readResponses(2)
        #expect(responses.map(\.status) == [401, 200])
        #expect(responses.first?.headers["connection"] == "keep-alive")
        #expect(responses.last?.body == "ok")
    }

    @Test("a request trickled a byte at a time is cut off at the request deadline with 408")
    func requestDeadline() async throws {
        let server = GuardedServer.make(idleTimeout: .seconds(30), requestTimeout: .milliseconds(600))
        let port = try server.start()
        defer { server.stop() }
        let connection = try RawConnection(port: port)
        let started = ContinuousClock.now
        let trickle = Task {
            // Each byte well within any per-recv timeout, the whole far beyond the deadline.
            for byte in "GET /hello HTTP/1.1\r\nHost: example.org\r\nX-Slow: yes\r\n\r\n" {
                if Task.isCancelled { return }
                await connection.send(String(byte))
                try? await Task.sleep(for: .milliseconds(100))
            }
        }
        defer { trickle.cancel() }
        let responses = await connection.readResponses(1)
        #expect(responses.map(\.status) == [408])
        #expect(ContinuousClock.now - started < .seconds(4), "the whole request would take 5.5 s")
    }

    @Test("with 300 slow clients holding sockets, a new request is served (the oldest are evicted)")
    func slowClientsAreEvicted() async throws {
        let server = GuardedServer.make(maxConnections: 32)
        let port = try server.start()
        defer { server.stop() }
        var slow: [RawConnection] = []
        for _ in 0..<300 {
            let connection = try RawConnection(port: port)
            await connection.send("GET /hel")
            slow.append(connection)
        }
        let probe = try RawConnection(port: port)
        await probe.send("GET /hello?name=probe HTTP/1.1\r\nHost: x\r\n\r\n")
        let responses = await probe.readResponses(1)
        #expect(responses.map(\.status) == [200])
        #expect(responses.first?.body == "hello probe")
        #expect(await slow[0].isClosedByPeer(), "the oldest slow client made room")
    }
}
