import Foundation
import HTTPClient
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// Bot API client: JSON bodies POSTed to `<base>/bot<token>/<method>`, answers mapped to
/// typed results or a `TelegramError`. No retries here: callers decide (see `isRetriable`
/// and `retryAfter`). The token never appears in an error.
public struct TelegramClient: TelegramBotAPI {
    private let configuration: TelegramConfiguration
    private let transport: any TelegramTransport

    /// Creates a client.
    public init(configuration: TelegramConfiguration, transport: any TelegramTransport = URLSessionTelegramTransport()) {
        self.configuration = configuration
        self.transport = transport
    }

    /// Creates a client for `token` at `baseURL`.
    public init(
        token: String, baseURL: URL = TelegramConfiguration.defaultBaseURL,
        transport: any TelegramTransport = URLSessionTelegramTransport()
    ) {
        self.init(configuration: TelegramConfiguration(token: token, baseURL: baseURL), transport: transport)
    }

    // MARK: - Methods

    /// `getMe`.
    public func getMe() async throws(TelegramError) -> User {
        try await call("getMe", NoParameters(), as: User.self)
    }

    /// `getUpdates`; the HTTP timeout is the long-poll timeout plus `longPollGrace`.
    public func getUpdates(
        offset: Int64?, limit: Int?, timeout: Int?, allowedUpdates: [String]?
    ) async throws(TelegramError) -> UpdateBatch {
        let parameters = GetUpdatesRequest(offset: offset, limit: limit, timeout: timeout, allowedUpdates: allowedUpdates)
        let httpTimeout = Duration.seconds(max(timeout ?? 0, 0)) + configuration.longPollGrace
        let elements = try await call("getUpdates", parameters, timeout: httpTimeout, as: [LenientUpdate].self)
        var batch = UpdateBatch()
        for element in elements {
            switch element.outcome {
            case .decoded(let update): batch.updates.append(update)
            case .undecodable(let record): batch.undecodable.append(record)
            }
        }
        return batch
    }

    /// `sendMessage`.
    public func sendMessage(_ request: SendMessageRequest) async throws(TelegramError) -> Message {
        try await call("sendMessage", request, as: Message.self)
    }

    /// `editMessageText`.
    public func editMessageText(_ request: EditMessageTextRequest) async throws(TelegramError) -> Message {
        try await call("editMessageText", request, as: Message.self)
    }

    /// `answerCallbackQuery`.
    public func answerCallbackQuery(_ request: AnswerCallbackQueryRequest) async throws(TelegramError) {
        _ = try await call("answerCallbackQuery", request, as: Bool.self)
    }

    /// `deleteWebhook`.
    public func deleteWebhook(dropPendingUpdates: Bool?) async throws(TelegramError) {
        _ = try await call("deleteWebhook", DeleteWebhookRequest(dropPendingUpdates: dropPendingUpdates), as: Bool.self)
    }

    /// `setWebhook`.
    public func setWebhook(_ request: SetWebhookRequest) async throws(TelegramError) {
        _ = try await call("setWebhook", request, as: Bool.self)
    }

    /// `getWebhookInfo`.
    public func getWebhookInfo() async throws(TelegramError) -> WebhookInfo {
        try await call("getWebhookInfo", NoParameters(), as: WebhookInfo.self)
    }

    /// `setMyCommands`.
    public func setMyCommands(_ request: SetMyCommandsRequest) async throws(TelegramError) {
        _ = try await call("setMyCommands", request, as: Bool.self)
    }

    /// `setMyDescription`.
    public func setMyDescription(_ request: SetMyDescriptionRequest) async throws(TelegramError) {
        _ = try await call("setMyDescription", request, as: Bool.self)
    }

    /// `setMyShortDescription`.
    public func setMyShortDescription(_ request: SetMyShortDescriptionRequest) async throws(TelegramError) {
        _ = try await call("setMyShortDescription", request, as: Bool.self)
    }

    // MARK: - Core

    /// Calls any method with JSON-encodable parameters and decodes its `result`.
    public func call<Parameters: Encodable & Sendable, Result: Decodable>(
        _ method: String, _ parameters: Parameters, timeout: Duration? = nil, as resultType: Result.Type
    ) async throws(TelegramError) -> Result {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let body: Data
        do {
            body = try encoder.encode(parameters)
        } catch {
            throw TelegramError(.badRequest(description: "cannot encode parameters: \(error)"), method: method)
        }
        if Task.isCancelled { throw TelegramError(.cancelled, method: method) }
        let request = TelegramHTTPRequest(
            url: configuration.url(for: method), headers: ["Content-Type": "application/json"], body: body,
            timeout: timeout ?? configuration.requestTimeout)
        let response: TelegramHTTPResponse
        do {
            response = try await transport.send(request)
        } catch {
            throw transportError(error, method: method)
        }
        return try decode(response, method: method, as: Result.self)
    }

    private func decode<Result: Decodable>(
        _ response: TelegramHTTPResponse, method: String, as resultType: Result.Type
    ) throws(TelegramError) -> Result {
        let decoder = JSONDecoder()
        guard let status = try? decoder.decode(TelegramResponseStatus.self, from: response.body) else {
            // Not the Bot API envelope: an HTML page from a proxy, an empty body...
            if response.status == 200 {
                throw TelegramError(.decoding("answer is not a Bot API JSON envelope"), method: method)
            }
            throw TelegramError(Self.kind(status: response.status, description: nil, parameters: nil), method: method)
        }
        guard status.ok else {
            let kind = Self.kind(
                status: status.errorCode ?? response.status,
                description: status.description.map(configuration.redact), parameters: status.parameters)
            throw TelegramError(kind, method: method)
        }
        do {
            return try decoder.decode(TelegramResponseResult<Result>.self, from: response.body).result
        } catch {
            throw TelegramError(.decoding("result: \(LenientUpdate.describe(error))"), method: method)
        }
    }

    /// Maps an error answer (status and description) to an error kind.
    static func kind(status: Int, description: String?, parameters: ResponseParameters?) -> TelegramError.Kind {
        let text = description ?? "HTTP \(status)"
        switch status {
        case 429:
            // Clamped to `ExternalDuration.range` (0 s ... 1 hour): the value is the server's.
            let wait = parameters?.retryAfter.map(ExternalDuration.clamped(seconds:)) ?? retryAfter(in: text) ?? .seconds(1)
            return .tooManyRequests(retryAfter: wait)
        case 400:
            if let newChatID = parameters?.migrateToChatID { return .chatMigrated(newChatID: newChatID) }
            return .badRequest(description: text)
        case 401: return .unauthorized
        case 403: return .forbidden(description: text)
        case 404: return .notFound
        case 409: return .conflict(description: text)
        case 500...599: return .server(status: status)
        default: return .api(status: status, description: text)
        }
    }

    /// `N` seconds from "Too Many Requests: retry after N" when `parameters` is missing,
    /// clamped to `ExternalDuration.range`; only ASCII digits count.
    static func retryAfter(in text: String) -> Duration? {
        guard let range = text.range(of: "retry after ") else { return nil }
        return ExternalDuration.leadingSeconds(text[range.upperBound...])
    }

    /// Maps a transport failure without ever using its description verbatim (a `URLError`'s
    /// description contains the URL, and so the token).
    private func transportError(_ error: any Error, method: String) -> TelegramError {
        if let error = error as? TelegramError {
            return TelegramError(error.kind, method: method)
        }
        if error is CancellationError { return TelegramError(.cancelled, method: method) }
        if let error = error as? URLError {
            switch error.code {
            case .timedOut: return TelegramError(.timeout, method: method)
            case .cancelled where Task.isCancelled: return TelegramError(.cancelled, method: method)
            default: return TelegramError(.transport(Self.name(of: error.code)), method: method)
            }
        }
        if Task.isCancelled { return TelegramError(.cancelled, method: method) }
        let text = configuration.redact(String(describing: error))
        return TelegramError(.transport("\(type(of: error)): \(text)"), method: method)
    }

    /// `"URLError -1004 (cannot connect to host)"`.
    static func name(of code: URLError.Code) -> String {
        HTTPSessionClient.name(of: code)
    }
}
