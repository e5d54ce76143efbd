import BotDomain
import Dispatch
import Foundation
import HTTPServer
import ServiceRuntime
import Telegram

/// Webhook mode: registers `setWebhook` with a `secret_token` and accepts updates on an HTTP port.
///
/// - The path, method and `X-Telegram-Bot-Api-Secret-Token` header are checked from the request's
///   head, before its body is read: a stranger gets 404/405/401 and never makes us read a byte
///   of body; an authorised body may be at most `maxBodyBytes` (413 beyond).
/// - An update is queued in its chat lane (the `UpdateDispatcher` that polling mode uses) and
///   answered 200 as soon as it is queued, so a slow `/subscribe` does not make Telegram retry.
/// - A retried update (same `update_id` as one of the last `rememberedUpdates`) is answered 200
///   and dropped.
/// - On shutdown the listener closes first, then every queued update is handled (`drain`), as in
///   polling mode.
public final class WebhookReceiver: Service {
    /// Largest webhook body accepted (Telegram's updates are a few KiB).
    public static let maxBodyBytes = 1024 * 1024

    let api: any TelegramBotAPI
    let dispatcher: UpdateDispatcher
    let publicURL: URL
    let secret: String
    let server: HTTPServer
    let logger: Logger
    let recent: RecentUpdateIDs
    let drainTimeout: Duration

    /// Creates the receiver listening on `host:port` (0 = a free port) at `path`.
    /// - Parameter rememberedUpdates: how many recent `update_id`s are kept to drop retries.
    public init(
        api: any TelegramBotAPI, dispatcher: UpdateDispatcher, publicURL: URL, secret: String, port: Int, path: String,
        host: String = "0.0.0.0", rememberedUpdates: Int = 10_000, drainTimeout: Duration = .seconds(15),
        monitor: HTTPServerMonitor? = nil, logger: Logger
    ) {
        self.drainTimeout = drainTimeout
        let recent = RecentUpdateIDs(capacity: rememberedUpdates)
        self.api = api
        self.dispatcher = dispatcher
        self.publicURL = publicURL
        self.secret = secret
        self.logger = logger
        self.recent = recent
        self.server = HTTPServer(
            host: host, port: port, requestTimeout: .seconds(10), maxBodyBytes: Self.maxBodyBytes,
            admission: { head in WebhookReceiver.admit(head, path: path, secret: secret, monitor: monitor) },
            onEvent: monitor?.onEvent,
            handler: { request in
                await WebhookReceiver.handle(
                    request, path: path, secret: secret, dispatcher: dispatcher, recent: recent, monitor: monitor,
                    logger: logger)
            })
    }

    /// The port listened on, once running.
    public var port: Int? { server.port }

    /// The head check: wrong path, method or secret is answered before the body is read. Each
    /// refusal is counted and logged through `monitor` (throttled: a flood of strangers must not
    /// become a flood of log lines).
    static func admit(_ head: HTTPRequest, path: String, secret: String, monitor: HTTPServerMonitor?) -> HTTPRequestAdmission {
        guard head.path == path else {
            monitor?.record(.rejected(status: 404, reason: "unknown path"))
            return .reject(.notFound)
        }
        guard head.method == "POST" else {
            monitor?.record(.rejected(status: 405, reason: "method not allowed"))
            return .reject(.text(405, "method not allowed"))
        }
        guard let given = head.header("X-Telegram-Bot-Api-Secret-Token"), constantTimeEquals(given, secret) else {
            monitor?.record(.rejected(status: 401, reason: "secret token missing or wrong"))
            return .reject(.text(401, "unauthorized"))
        }
        return .read(maxBodyBytes: maxBodyBytes)
    }

    static func handle(
        _ request: HTTPRequest, path: String, secret: String, dispatcher: UpdateDispatcher, recent: RecentUpdateIDs,
        monitor: HTTPServerMonitor? = nil, logger: Logger
    ) async -> HTTPResponse {
        // Checked again here so the handler is safe on its own (tests call it directly).
        if case .reject(let response) = admit(request, path: path, secret: secret, monitor: monitor) { return response }
        guard let update = try? JSONDecoder().decode(Update.self, from: Data(request.body)) else {
            // Acknowledge: Telegram would otherwise resend a body we can never read.
            logger.warning("skipping an undecodable webhook update", ["bytes": String(request.body.count)])
            return .json(200, "{}")
        }
        guard recent.insert(update.updateID) else {
            logger.info("dropping a retried webhook update", ["update_id": String(update.updateID)])
            return .json(200, "{}")
        }
        await dispatcher.submit([update])
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
        var failure: (any Error)?
        do {
            try await register()
            logger.notice("webhook mode", ["port": String(port), "url_host": publicURL.host ?? ""])
            while !Task.isCancelled { try await Task.sleep(for: .seconds(3600)) }
        } catch let error where !(error is CancellationError) && !Task.isCancelled {
            failure = error
        } catch {}  // cancelled: the group is shutting down
        // Stop taking updates, then handle every one already queued (and answered 200) before
        // returning, as the poller does: Telegram will not send those again.
        await stopServer()
        // Bounded, as the poller's: a reply hanging at Telegram must not hold the bot past its
        // grace period. Updates still in hand were answered 200, so they are lost; say so.
        if !(await dispatcher.drain(within: drainTimeout)) {
            logger.warning(
                "updates still in hand after the drain timeout; their replies are lost",
                ["drain_timeout_ms": String(drainTimeout.wholeMilliseconds)])
        }
        if let failure { throw failure }
        logger.notice("webhook stopped")
    }

    private func register() async throws {
        var attempt = 0
        while true {
            do {
                try await api.setWebhook(
                    url: publicURL.absoluteString, secretToken: secret, allowedUpdates: UpdatePoller.allowedUpdates)
                return
            } catch {
                attempt += 1
                guard error.isRetriable else { throw error }
                logger.warning("setWebhook failed; retrying", ["error": "\(error)"])
                try await Task.sleep(for: .milliseconds(Int64(min(30_000, 500 * (1 << min(attempt, 6))))))
            }
        }
    }

    /// `HTTPServer.stop()` waits for connection threads: run it off the cooperative pool.
    private func stopServer() async {
        let server = self.server
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            DispatchQueue.global().async {
                server.stop()
                continuation.resume()
            }
        }
    }
}
