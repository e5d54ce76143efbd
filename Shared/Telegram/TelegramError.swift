/// The one error type of the `Telegram` module. Its text never contains the bot token.
public struct TelegramError: Error, Sendable, CustomStringConvertible {
    /// What went wrong, in the terms a caller acts on.
    public enum Kind: Sendable, Hashable {
        /// 429: flood control; wait `retryAfter` (from `parameters.retry_after`) before calling again.
        case tooManyRequests(retryAfter: Duration)
        /// 403: the bot may not write there (blocked by the user, user deactivated, kicked...).
        case forbidden(description: String)
        /// 400: the request is wrong (chat not found, can't parse entities, message not modified...).
        case badRequest(description: String)
        /// 400 with `migrate_to_chat_id`: the group became a supergroup with a new id.
        case chatMigrated(newChatID: Int64)
        /// 401: the token is not valid.
        case unauthorized
        /// 404: unknown method (or a malformed token).
        case notFound
        /// 409: another getUpdates poller took over, or a webhook is set while polling.
        case conflict(description: String)
        /// 5xx from Telegram or a proxy in front of it.
        case server(status: Int)
        /// Another error status Telegram answered with.
        case api(status: Int, description: String)
        /// No answer within the request timeout.
        case timeout
        /// The request never got an HTTP answer (DNS, connect, TLS, connection reset...).
        case transport(String)
        /// The answer was not the documented JSON shape.
        case decoding(String)
        /// The calling task was cancelled.
        case cancelled
    }

    /// What went wrong.
    public let kind: Kind
    /// The Bot API method that failed, e.g. `sendMessage`.
    public let method: String

    /// Creates an error.
    public init(_ kind: Kind, method: String) {
        self.kind = kind
        self.method = method
    }

    /// Whether the same call may succeed later: rate limits, 5xx, timeouts, transport failures and
    /// conflicts (a competing poller may go away). Bad requests, 403 and decoding failures won't.
    public var isRetriable: Bool {
        switch kind {
        case .tooManyRequests, .server, .timeout, .transport, .conflict: true
        case .forbidden, .badRequest, .chatMigrated, .unauthorized, .notFound, .api, .decoding, .cancelled: false
        }
    }

    /// The wait Telegram asked for, when it answered 429.
    public var retryAfter: Duration? {
        if case .tooManyRequests(let delay) = kind { return delay }
        return nil
    }

    /// A short stable label for metrics and logs, e.g. `too_many_requests`.
    public var code: String {
        switch kind {
        case .tooManyRequests: "too_many_requests"
        case .forbidden: "forbidden"
        case .badRequest: "bad_request"
        case .chatMigrated: "chat_migrated"
        case .unauthorized: "unauthorized"
        case .notFound: "not_found"
        case .conflict: "conflict"
        case .server: "server"
        case .api: "api"
        case .timeout: "timeout"
        case .transport: "transport"
        case .decoding: "decoding"
        case .cancelled: "cancelled"
        }
    }

    /// `"telegram sendMessage: forbidden: Forbidden: bot was blocked by the user"`.
    public var description: String {
        let detail: String
        switch kind {
        case .tooManyRequests(let delay): detail = "retry after \(delay.components.seconds) s"
        case .forbidden(let text), .badRequest(let text), .conflict(let text): detail = text
        case .chatMigrated(let id): detail = "group migrated to supergroup \(id)"
        case .unauthorized: detail = "the bot token was rejected"
        case .notFound: detail = "method not found"
        case .server(let status): detail = "HTTP \(status)"
        case .api(let status, let text): detail = "HTTP \(status): \(text)"
        case .timeout: detail = "no answer in time"
        case .transport(let text), .decoding(let text): detail = text
        case .cancelled: detail = "cancelled"
        }
        return "telegram \(method): \(code): \(detail)"
    }
}
