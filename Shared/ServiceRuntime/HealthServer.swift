import Dispatch
import HTTPServer

/// The health and metrics endpoint of a service, run as a `Service` of its `ServiceGroup`.
///
/// - `GET /healthz`: 200 `ok` while the process serves HTTP (liveness).
/// - `GET /readyz`: 200 when every readiness check passes, 503 when one fails, times out, or the
///   group is shutting down; JSON body `{"checks":{"kafka":true},"ready":true,"shutting_down":false}`.
/// - `GET /metrics`: the registry in Prometheus text format 0.0.4.
/// - A request with a body is answered 413 before the body is read; with all 32 connection slots
///   taken, the connection waiting longest is evicted, so slow clients cannot make a probe fail.
///
/// Register it first in the group so it is stopped last and `/readyz` reports the shutdown.
public final class HealthServer: Service, GracefulShutdownObserver {
    private let host: String
    private let endpoints: HealthEndpoints
    private let server: HTTPServer
    private let logger: Logger
    private let stopRequested = OneShotEvent()

    /// Creates the server; nothing is bound until `start()` or `run()`.
    /// - Parameters:
    ///   - port: port to listen on; 0 picks a free one (see `port`).
    ///   - host: address to bind; `0.0.0.0` so probes from outside the container reach it.
    ///   - metrics: the registry `/metrics` renders.
    ///   - checks: the readiness checks `/readyz` runs, concurrently, on every request.
    ///   - checkTimeout: a check that has not answered by then counts as failed.
    ///   - logger: receives start, stop and readiness transitions.
    public init(
        port: Int, host: String = "0.0.0.0", metrics: MetricsRegistry, checks: [ReadinessCheck] = [],
        checkTimeout: Duration = .seconds(2), logger: Logger
    ) {
        let endpoints = HealthEndpoints(metrics: metrics, checks: checks, checkTimeout: checkTimeout, logger: logger)
        self.host = host
        self.endpoints = endpoints
        self.logger = logger
        // Probes and scrapes send no body; 32 slots are plenty, as slow clients are evicted for new ones.
        self.server = HTTPServer(
            host: host, port: port, maxConnections: 32, idleTimeout: .seconds(30), requestTimeout: .seconds(5),
            admission: { _ in .noBody },
            onEvent: HTTPServerMonitor(listener: "health", metrics: metrics, logger: logger).onEvent
        ) { request in
            await endpoints.respond(to: request)
        }
    }

    /// The bound port once started (the real one when created with port 0).
    public var port: Int? { server.port }

    /// Adds a readiness check (for dependencies created after the server).
    public func addCheck(_ check: ReadinessCheck) {
        endpoints.addCheck(check)
    }

    /// Whether `/readyz` reports the group's shutdown.
    public var isShuttingDown: Bool { endpoints.isShuttingDown }

    /// Makes `/readyz` answer 503 from now on (called by the group when shutdown begins).
    public func gracefulShutdownDidBegin() {
        if endpoints.markShuttingDown() {
            logger.notice("not ready: shutting down")
        }
    }

    /// Binds and starts serving; idempotent while running.
    /// - Returns: the bound port.
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        if let port = server.port { return port }
        let port = try server.start()
        logger.notice("health server listening", ["host": host, "port": String(port)])
        return port
    }

    /// Starts if needed, serves until the task is cancelled or `stop()` is called, then stops.
    public func run() async throws {
        try start()
        await stopRequested.wait()
        await stopServer()
    }

    /// Stops serving and makes `run()` return. The socket is closed on a dispatch queue: closing
    /// waits for connection threads, which must not happen on the cooperative pool.
    public func stop() async {
        stopRequested.fire()
        await stopServer()
    }

    private func stopServer() async {
        let server = self.server
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                server.stop()
                continuation.resume()
            }
        }
        logger.notice("health server stopped")
    }
}
