import Foundation
import HTTPServer

/// A local stand-in for the Telegram Bot API, speaking the documented shapes over real HTTP:
/// `POST|GET /bot<token>/<method>` for getMe, getUpdates (long poll), sendMessage,
/// editMessageText, answerCallbackQuery, setWebhook, deleteWebhook and getWebhookInfo, with
/// Telegram's flood limits, plus a control API under `/control/` (see `TelegramStandInRouter`)
/// mirrored by the async methods below for in-process tests.
public final class TelegramStandIn: Sendable {
    /// The token the stand-in accepts; any other answers 401.
    public let token: String
    private let state: TelegramStandInState
    private let server: HTTPServer

    /// Creates a stand-in (not listening until `start()`).
    /// - Parameters:
    ///   - token: accepted bot token (`123456:ABC...`); the bot's user id is its numeric prefix.
    ///   - host: address to bind.
    ///   - port: port to bind, 0 for an ephemeral one.
    ///   - botUsername: the bot's `@username` (without `@`).
    ///   - configuration: limits and faults at start.
    public init(
        token: String, host: String = "127.0.0.1", port: Int = 0, botUsername: String = "SlotHunterStandInBot",
        configuration: TelegramStandInConfiguration = TelegramStandInConfiguration()
    ) {
        self.token = token
        let botID = Int64(token.split(separator: ":").first ?? "") ?? 7_000_000_001
        let state = TelegramStandInState(
            bot: .init(id: botID, firstName: "SlotHunter", username: botUsername), configuration: configuration)
        self.state = state
        let router = TelegramStandInRouter(token: token, state: state)
        self.server = HTTPServer(host: host, port: port) { request in await router.handle(request) }
    }

    /// Starts listening; returns the bound port.
    @discardableResult
    public func start() throws(HTTPServerError) -> Int {
        try server.start()
    }

    /// Stops listening and closes every connection (pending long polls are cut).
    public func stop() {
        server.stop()
    }

    /// The bound port, once started.
    public var port: Int? { server.port }

    /// `http://127.0.0.1:<port>`: the `baseURL` for a Telegram client.
    public var baseURL: URL {
        URL(string: "http://127.0.0.1:\(server.port ?? 0)")!
    }

    // MARK: - Control (same as the HTTP control API)

    /// Queues updates given as a JSON array of `Update` objects or shorthand objects (see
    /// `POST /control/updates`); returns their update ids.
    @discardableResult
    public func injectUpdates(json: Data) async throws(TelegramStandInError) -> [Int64] {
        guard let elements = TelegramJSON.parse([UInt8](json))?.arrayValue else {
            throw TelegramStandInError("expected a JSON array")
        }
        return try await state.inject(elements)
    }

    /// Queues updates given as `TelegramJSON` values.
    @discardableResult
    public func injectUpdates(_ elements: [TelegramJSON]) async throws(TelegramStandInError) -> [Int64] {
        try await state.inject(elements)
    }

    /// Queues a private-chat text message from user `chatID` (bot_command entities included).
    @discardableResult
    public func injectMessage(
        chatID: Int64, text: String, firstName: String? = nil, username: String? = nil, languageCode: String? = nil
    ) async -> Int64 {
        var shorthand: [String: TelegramJSON] = ["chat_id": .int(chatID), "text": .string(text)]
        if let firstName { shorthand["first_name"] = .string(firstName) }
        if let username { shorthand["username"] = .string(username) }
        if let languageCode { shorthand["language_code"] = .string(languageCode) }
        return (try? await state.inject([.object(shorthand)]).first) ?? 0
    }

    /// Queues a button press on the bot's message `messageID` (default: its last one) in `chatID`.
    @discardableResult
    public func injectCallbackQuery(chatID: Int64, data: String, messageID: Int? = nil) async -> Int64 {
        var shorthand: [String: TelegramJSON] = ["chat_id": .int(chatID), "callback_data": .string(data)]
        if let messageID { shorthand["message_id"] = .int(Int64(messageID)) }
        return (try? await state.inject([.object(shorthand)]).first) ?? 0
    }

    /// Queues a `my_chat_member` update: `kicked` = the user blocked the bot, `member` = unblocked.
    @discardableResult
    public func injectMyChatMember(chatID: Int64, status: String) async -> Int64 {
        (try? await state.inject([["chat_id": .int(chatID), "member_status": .string(status)]]).first) ?? 0
    }

    /// Every sendMessage call so far (delivered or not), oldest first.
    public func sentMessages() async -> [TelegramStandInSentMessage] {
        await state.sentMessages()
    }

    /// Every Bot API call so far, oldest first.
    public func callLog() async -> [TelegramStandInLogEntry] {
        await state.callLog()
    }

    /// Updates queued and not yet confirmed by an offset.
    public func pendingUpdates() async -> [TelegramJSON] {
        await state.pendingUpdates()
    }

    /// The command menus set with `setMyCommands`, by language (`"default"`, `"en"`, …), as
    /// `GET /control/commands` shows them.
    public func commandMenus() async -> TelegramJSON {
        await state.commandMenus()
    }

    /// The descriptions set with `setMyDescription` / `setMyShortDescription`, as
    /// `GET /control/descriptions` shows them.
    public func botDescriptions() async -> TelegramJSON {
        await state.botDescriptions()
    }

    /// Current configuration.
    public func configuration() async -> TelegramStandInConfiguration {
        await state.currentConfiguration()
    }

    /// Replaces the configuration.
    public func configure(_ configuration: TelegramStandInConfiguration) async {
        await state.setConfiguration(configuration)
    }

    /// Forgets updates, messages, log, webhook and limits; restores the default configuration.
    public func reset() async {
        await state.reset()
    }
}
