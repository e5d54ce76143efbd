import Foundation
import HTTPServer
import ServiceRuntime
import Telegram

/// Webhook mode: registers `setWebhook` with a `secret_token` and accepts updates on an HTTP port;
/// a request without the matching `X-Telegram-Bot-Api-Secret-Token` header is refused (401) and
/// never reaches the conversation.
public final class WebhookReceiver: Service {
    let api: any TelegramBotAPI
    let dispatcher: UpdateDispatcher
    let publicURL: URL
    let secret: String
    let server: HTTPServer
    let logger: Logger

    /// Creates the receiver listening on `host:port` (0 = a free port) at `path`.
    public init(
        api: any TelegramBotAPI, dispatcher: UpdateDispatcher, publicURL: URL, secret: String, port: Int, path: String,
        host: String = "0.0.0.0", logger: Logger
    ) {
        self.api = api
        self.dispatcher = dispatcher
        self.publicURL = publicURL
        self.secret = secret
        self.logger = logger
        self.server = HTTPServer(host: host, port: port) { request in
            await WebhookReceiver.handle(request, path: path, secret: secret, dispatcher: dispatcher, logger: logger)
        }
    }

    /// The port listened on, once running.
    public var port: Int? { server.port }

    static func handle(
        _ request: HTTPRequest, path: String, secret: String, dispatcher: UpdateDispatcher, logger: Logger
    ) async -> HTTPResponse {
        guard request.path == path else { return .notFound }
        guard request.method == "POST" else { return .text(405, "method not allowed") }
        guard let given = request.header("X-Telegram-Bot-Api-Secret-Token"), constantTimeEquals(given, secret) else {
            logger.warning("refused a webhook request without the right secret token")
            return .text(401, "unauthorized")
        }
        guard let update = try? JSONDecoder().decode(Update.self, from: Data(request.body)) else {
            // Acknowledge: Telegram would otherwise resend a body we can never read.
            logger.warning("skipping an undecodable webhook update", ["bytes": String(request.body.count)])
            return .json(200, "{}")
        }
        await dispatcher.dispatch([update])
        return .json(200, "{}")
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }

    public func run() async throws {
        let port = try server.start()
        defer { server.stop() }
        var attempt = 0
        while true {
            do {
                try await api.setWebhook(
                    url: publicURL.absoluteString, secretToken: secret, allowedUpdates: UpdatePoller.allowedUpdates)
                break
            } catch {
                attempt += 1
                guard error.isRetriable else { throw error }
                logger.warning("setWebhook failed; retrying", ["error": "\(error)"])
                try await Task.sleep(for: .milliseconds(Int64(min(30_000, 500 * (1 << min(attempt, 6))))))
            }
        }
        logger.notice("webhook mode", ["port": String(port), "url_host": publicURL.host ?? ""])
        do {
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
        } catch {}
        // Requests in progress finish their updates before the listener closes.
        await dispatcher.drain()
    }
}
