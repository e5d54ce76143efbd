import Foundation
import HTTPServer
import ServiceRuntime
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@Suite struct HealthServerTests {
    private struct Reply {
        let status: Int
        let contentType: String?
        let body: String
    }

    private static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.requestCachePolicy = .reloadIgnoringLocalCacheData
        configuration.timeoutIntervalForRequest = 10
        return URLSession(configuration: configuration)
    }()

    private func get(_ port: Int, _ path: String, method: String = "GET") async throws -> Reply {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        let (data, response) = try await Self.session.data(for: request)
        let http = try #require(response as? HTTPURLResponse)
        return Reply(
            status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"),
            body: String(decoding: data, as: UTF8.self))
    }

    private func readiness(_ reply: Reply) throws -> [String: Any] {
        try #require(jsonObject(reply.body))
    }

    private func makeServer(
        checks: [ReadinessCheck] = [], checkTimeout: Duration = .seconds(2)
    ) -> (
        HealthServer, MetricsRegistry
    ) {
        let metrics = MetricsRegistry()
        let logger = Logger(service: "test", instance: "t", sink: .discard)
        let server = HealthServer(
            port: 0, host: "127.0.0.1", metrics: metrics, checks: checks, checkTimeout: checkTimeout, logger: logger)
        return (server, metrics)
    }

    @Test func answersHealthzAndMetrics() async throws {
        let (server, metrics) = makeServer()
        let port = try server.start()
        #expect(port > 0)
        #expect(server.port == port)
        #expect(try server.start() == port)  // idempotent
        metrics.counter("slothunter_checks_total", help: "Checks.", labels: ["result": "ok"]).inc(by: 2)

        let health = try await get(port, "/healthz")
        #expect(health.status == 200)
        #expect(health.body == "ok")

        let scrape = try await get(port, "/metrics")
        #expect(scrape.status == 200)
        #expect(scrape.contentType == "text/plain; version=0.0.4; charset=utf-8")
        #expect(scrape.body == metrics.render())
        #expect(scrape.body.contains("slothunter_checks_total{result=\"ok\"} 2\n"))

        #expect(try await get(port, "/nope").status == 404)
        #expect(try await get(port, "/healthz", method: "POST").status == 405)
        await server.stop()
    }

    @Test func readyzReportsEachCheck() async throws {
        let brokerUp = Flag(true)
        let (server, _) = makeServer(checks: [
            ReadinessCheck(name: "kafka") { brokerUp.isSet },
            ReadinessCheck(name: "postgres") { true },
        ])
        let port = try server.start()

        let ready = try await get(port, "/readyz")
        #expect(ready.status == 200)
        #expect(ready.contentType == "application/json; charset=utf-8")
        #expect(ready.body == #"{"checks":{"kafka":true,"postgres":true},"ready":true,"shutting_down":false}"#)

        brokerUp.set(false)
        let notReady = try await get(port, "/readyz")
        #expect(notReady.status == 503)
        #expect(notReady.body == #"{"checks":{"kafka":false,"postgres":true},"ready":false,"shutting_down":false}"#)

        brokerUp.set(true)
        #expect(try await get(port, "/readyz").status == 200)
        await server.stop()
    }

    @Test func aHungCheckFailsAfterTheTimeout() async throws {
        let (server, _) = makeServer(
            checks: [
                ReadinessCheck(name: "hung") {
                    await uncancellableSleep(.seconds(10))
                    return true
                }
            ],
            checkTimeout: .milliseconds(200))
        let port = try server.start()
        let start = ContinuousClock.now
        let reply = try await get(port, "/readyz")
        #expect(ContinuousClock.now - start < .seconds(8), "well before the check's 10 s")
        #expect(reply.status == 503)
        #expect(try readiness(reply)["checks"] as? [String: Bool] == ["hung": false])
        await server.stop()
    }

    @Test func checksAddedLaterAreRun() async throws {
        let (server, _) = makeServer()
        let port = try server.start()
        #expect(try await get(port, "/readyz").body == #"{"checks":{},"ready":true,"shutting_down":false}"#)
        server.addCheck(ReadinessCheck(name: "late") { false })
        #expect(try await get(port, "/readyz").status == 503)
        await server.stop()
    }

    @Test func notReadyOnceShutdownBegins() async throws {
        let (server, _) = makeServer(checks: [ReadinessCheck(name: "kafka") { true }])
        let port = try server.start()
        server.gracefulShutdownDidBegin()
        #expect(server.isShuttingDown)
        let reply = try await get(port, "/readyz")
        #expect(reply.status == 503)
        #expect(reply.body == #"{"checks":{"kafka":true},"ready":false,"shutting_down":true}"#)
        #expect(try await get(port, "/healthz").status == 200)
        await server.stop()
    }

    @Test func inAServiceGroupItAnswersUntilTheOtherServicesHaveStopped() async throws {
        let log = EventLog()
        let (health, _) = makeServer()
        let logger = Logger(service: "test", instance: "t", sink: .discard)
        let group = ServiceGroup(
            services: [
                ("health", health),
                ("worker", WellBehavedService(name: "worker", log: log, stopDuration: .milliseconds(600))),
            ], gracePeriod: .seconds(5), logger: logger, signals: [])
        let run = Task { try await group.run() }
        #expect(await eventually { health.port != nil && log.contains("start worker") })
        let port = try #require(health.port)
        #expect(try await get(port, "/readyz").status == 200)

        group.triggerGracefulShutdown()
        #expect(await eventually { log.contains("cancelled worker") })
        // The worker is still stopping: the health server is up, but not ready.
        let during = try await get(port, "/readyz")
        #expect(during.status == 503)
        #expect(try readiness(during)["shutting_down"] as? Bool == true)
        #expect(try await get(port, "/healthz").status == 200)

        let report = try await run.value
        #expect(report.stopped == ["worker", "health"])
        await #expect(throws: (any Error).self) { _ = try await get(port, "/healthz") }
    }

    @Test func healthzAnswersWhileThreeHundredSlowClientsHoldSockets() async throws {
        let (server, _) = makeServer()
        let port = try server.start()
        let slow = await SlowClients.open(300, port: port, sending: "GET /heal")
        #expect(slow.count == 300)
        let started = ContinuousClock.now
        // The session's 10 s request timeout bounds the wait; a refusal would be an immediate 503.
        let health = try await get(port, "/healthz")
        let waited = ContinuousClock.now - started
        #expect(health.status == 200, "answered \(health.status) after \(waited)")
        #expect(health.body == "ok")
        #expect(await slow.wasClosedByServer(0), "the oldest slow client was evicted to make room")
        print("healthz under \(slow.count) slow clients: \(health.status) after \(waited)")
        await server.stop()
    }

    @Test func requestsWithABodyAreRefusedBeforeItIsRead() async throws {
        let (server, metrics) = makeServer()
        let port = try server.start()
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/healthz")!)
        request.httpMethod = "POST"
        request.httpBody = Data(repeating: 7, count: 100)
        let (_, response) = try await Self.session.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 413)
        #expect(try await get(port, "/healthz", method: "POST").status == 405)  // no body: the method decides
        // Refused input is counted, with the server's fixed phrase as the reason.
        #expect(
            metrics.render().contains(
                #"slothunter_http_rejected_requests_total{listener="health",reason="body too large",status="413"} 1"#))
        await server.stop()
    }

    @Test func runThrowsWhenThePortIsTaken() async throws {
        let (first, _) = makeServer()
        let port = try first.start()
        let second = HealthServer(
            port: port, host: "127.0.0.1", metrics: MetricsRegistry(),
            logger: Logger(service: "t", instance: "t", sink: .discard))
        await #expect(throws: HTTPServerError.self) { try await second.run() }
        await first.stop()
    }
}
