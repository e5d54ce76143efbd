import Foundation
import HTTPClient
import HTTPServer
import ServiceRuntime
import Synchronization
import TestSupport
import Testing

/// `HTTPSessionClient` against a local server: answers, redirects, and above all cancellation
/// at random moments (before the answer, as the server answers, as the server goes away) that
/// must always end the request promptly.
@Suite("HTTPSessionClient", .serialized)
struct HTTPSessionClientTests {
    /// How long any single cancelled request may take to finish (generous for 2 busy cores:
    /// a hang, the failure this guards against, never ends).
    static let bound: Duration = .seconds(10)

    @Test func answersAndHeadersComeBack() async throws {
        let server = HTTPServer(port: 0) { request in
            .init(status: 201, headers: [("X-Echo", request.header("X-Ping") ?? "")], body: Array("hi".utf8))
        }
        let port = try server.start()
        defer { server.stop() }
        let client = HTTPSessionClient()
        let response = try await client.send(
            HTTPClientRequest(method: "GET", url: Self.url(port, "/a"), headers: [("X-Ping", "pong")], timeout: .seconds(5)))
        #expect(response.status == 201)
        #expect(response.header("x-echo") == "pong")
        #expect(response.body == Data("hi".utf8))
    }

    @Test func redirectsComeBackUnfollowedWhenAsked() async throws {
        let server = HTTPServer(port: 0) { request in
            request.path == "/from" ? .init(status: 307, headers: [("Location", "/to")]) : .text(200, "followed")
        }
        let port = try server.start()
        defer { server.stop() }
        let refusing = HTTPSessionClient(options: .init(followsRedirects: false))
        let answer = try await refusing.send(HTTPClientRequest(method: "GET", url: Self.url(port, "/from"), timeout: .seconds(5)))
        #expect(answer.status == 307)
        #expect(answer.header("Location") == "/to")
    }

    @Test func aDeadServerIsATransportError() async throws {
        let server = HTTPServer(port: 0) { _ in .text(200, "") }
        let port = try server.start()
        server.stop()
        let client = HTTPSessionClient()
        await #expect {
            _ = try await client.send(HTTPClientRequest(method: "GET", url: Self.url(port, "/"), timeout: .seconds(5)))
        } throws: { error in
            guard case .transport = (error as? HTTPClientError)?.kind else { return false }
            return true
        }
    }

    @Test func cancellingBeforeTheAnswerEndsTheRequestAtOnce() async throws {
        let arrived = OneShotEvent()
        let server = HTTPServer(port: 0) { _ in
            arrived.fire()
            await suspendUntilCancelled()  // never answers: the client leaves or the server stops first
            return .text(200, "late")
        }
        let port = try server.start()
        defer { server.stop() }
        let client = HTTPSessionClient()
        let task = Task {
            try await client.send(HTTPClientRequest(method: "GET", url: Self.url(port, "/slow"), timeout: .seconds(60)))
        }
        await arrived.wait()  // the request is in flight, its answer outstanding
        let start = ContinuousClock.now
        task.cancel()
        let result = await task.result
        #expect(ContinuousClock.now - start < Self.bound)
        #expect((result.failure as? HTTPClientError)?.kind == .cancelled)
    }

    /// Hundreds of requests cancelled at random moments: while the handler waits, as it
    /// answers (the handler cancels the caller right before returning), and while the server is
    /// stopped under them. Every request must finish within `bound`; none may hang.
    @Test(arguments: [false, true])
    func randomCancellationNeverHangs(stopServerMidway: Bool) async throws {
        let callers = CallerRegistry()
        let server = HTTPServer(port: 0) { request in
            let id = Int(request.header("X-Id") ?? "") ?? -1
            let delay = Int(request.header("X-Delay-Ms") ?? "") ?? 0
            if delay > 0 { try? await Task.sleep(for: .milliseconds(delay)) }
            // Exactly when the server answers: cancel the caller on the way out.
            if request.header("X-Cancel-On-Answer") == "1" { callers.cancel(id) }
            return .text(200, "ok \(id)")
        }
        let port = try server.start()
        defer { server.stop() }
        let client = HTTPSessionClient(options: .init(maxConnectionsPerHost: 16))
        var random = SeededRandom(seed: stopServerMidway ? 41 : 17)
        let total = 300
        let outcomes = Outcomes()
        for id in 0..<total {
            let delay = random.next(upTo: 30)
            let cancelOnAnswer = random.next(upTo: 3) == 0
            let request = HTTPClientRequest(
                method: "GET", url: Self.url(port, "/r/\(id)"),
                headers: [("X-Id", "\(id)"), ("X-Delay-Ms", "\(delay)"), ("X-Cancel-On-Answer", cancelOnAnswer ? "1" : "0")],
                timeout: .seconds(30))
            let task = Task {
                let outcome: String
                do {
                    _ = try await client.send(request)
                    outcome = "answered"
                } catch {
                    outcome = (error as? HTTPClientError)?.description ?? "\(error)"
                }
                outcomes.values.withLock { $0[id] = outcome }
            }
            callers.register(id, task)
            if !cancelOnAnswer {
                let cancelAfter = random.next(upTo: 35)
                Task {
                    try? await Task.sleep(for: .milliseconds(cancelAfter))
                    task.cancel()
                }
            }
            if stopServerMidway && id == total / 2 {
                // The server goes away while requests are in flight and being cancelled.
                Thread.detachNewThread { server.stop() }
            }
            if id % 20 == 19 { try await Task.sleep(for: .milliseconds(random.next(upTo: 10))) }
        }
        try? await eventually(within: Self.bound + .seconds(20), "all \(total) requests to finish") {
            outcomes.values.withLock { $0.count } == total
        }
        let finished = outcomes.values.withLock { $0 }
        let missing = (0..<total).filter { finished[$0] == nil }
        #expect(missing.isEmpty, "requests still hanging: \(missing.prefix(20))")
        let kinds = Dictionary(grouping: finished.values, by: { $0 }).mapValues(\.count)
        print("HTTPSessionClient random cancellation (server stopped midway: \(stopServerMidway)): \(kinds)")
        #expect((kinds["cancelled"] ?? 0) > 0)
        if !stopServerMidway {
            #expect(Set(kinds.keys).isSubset(of: ["answered", "cancelled"]), "\(kinds)")
        }
    }

    static func url(_ port: Int, _ path: String) -> URL {
        URL(string: "http://127.0.0.1:\(port)\(path)")!
    }
}

/// How each request ended, by id.
final class Outcomes: Sendable {
    let values = Mutex<[Int: String]>([:])
}

/// The caller tasks by request id, so the server can cancel one as it answers it.
final class CallerRegistry: Sendable {
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])
    private let early = Mutex<Set<Int>>([])

    func register(_ id: Int, _ task: Task<Void, Never>) {
        let cancelNow = tasks.withLock { tasks in
            tasks[id] = task
            return early.withLock { $0.contains(id) }
        }
        if cancelNow { task.cancel() }
    }

    func cancel(_ id: Int) {
        let task = tasks.withLock { tasks in
            let task = tasks[id]
            if task == nil { early.withLock { _ = $0.insert(id) } }
            return task
        }
        task?.cancel()
    }
}

extension Result {
    var failure: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
