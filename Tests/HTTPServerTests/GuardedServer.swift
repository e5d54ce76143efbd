import HTTPServer

/// A server with per-route admission, as the fuzz and hardening tests use it:
/// - `/hello`: 200 `hello <name>`; no body accepted.
/// - `/echo`: echoes a body of at most `echoLimit` bytes.
/// - `/nobody`: 200 `empty`; no body accepted (like a health endpoint).
/// - `/secret`: answered 401 from the head unless `X-Secret: open`; then echoes at most 1 KiB.
/// - anything else: 404 from the head.
enum GuardedServer {
    static let echoLimit = 64 * 1024

    static func make(
        maxConnections: Int = 256, idleTimeout: Duration = .seconds(10), requestTimeout: Duration = .seconds(10)
    ) -> HTTPServer {
        HTTPServer(
            port: 0, maxConnections: maxConnections, idleTimeout: idleTimeout, requestTimeout: requestTimeout,
            admission: { head in
                switch head.path {
                case "/hello", "/nobody": return .noBody
                case "/echo": return .read(maxBodyBytes: echoLimit)
                case "/secret":
                    guard head.header("X-Secret") == "open" else { return .reject(.text(401, "unauthorized")) }
                    return .read(maxBodyBytes: 1024)
                default: return .reject(.notFound)
                }
            },
            handler: { request in
                switch request.path {
                case "/hello": return .text(200, "hello \(request.query["name"] ?? "world")")
                case "/nobody": return .text(200, "empty")
                default: return HTTPResponse(status: 200, body: request.body)
                }
            })
    }
}
