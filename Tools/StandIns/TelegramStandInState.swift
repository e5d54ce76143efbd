import Foundation

/// Everything the Telegram stand-in remembers, behind one actor: the update queue and the
/// pending long poll, messages the bot sent, rate-limit windows, faults and the call log.
actor TelegramStandInState {
    struct StoredUpdate {
        var id: Int64
        var kind: String
        var json: TelegramJSON
    }

    enum PollOutcome: Sendable {
        case updates([TelegramJSON])
        case conflict(String)
        case cancelled
    }

    struct Waiter {
        var id: Int
        var limit: Int
        var continuation: CheckedContinuation<PollOutcome, Never>
        var timer: Task<Void, Never>
    }

    struct Webhook {
        var url: String
        var secretToken: String?
        var maxConnections: Int
        var allowedUpdates: [String]?
    }

    struct BotIdentity: Sendable {
        var id: Int64
        var firstName: String
        var username: String
    }

    /// Update kinds delivered when the bot never chose (`allowed_updates` empty or unset).
    static let defaultUnwantedKinds: Set<String> = ["chat_member", "message_reaction", "message_reaction_count"]
    static let firstUpdateID: Int64 = 100_000_001
    static let maxLogEntries = 20_000

    let bot: BotIdentity
    var configuration: TelegramStandInConfiguration
    var updates: [StoredUpdate] = []
    var nextUpdateID = TelegramStandInState.firstUpdateID
    var allowedUpdates: Set<String>?
    var webhook: Webhook?
    var waiter: Waiter?
    var nextWaiterID = 0
    var sent: [TelegramStandInSentMessage] = []
    var log: [TelegramStandInLogEntry] = []
    var people: [Int64: TelegramShapes.Person] = [:]
    var lastMessageID: [Int64: Int] = [:]
    /// Messages the bot sent, by chat and message id (for editMessageText and callback queries).
    var botMessages: [Int64: [Int: TelegramJSON]] = [:]
    var openCallbackQueries: Set<String> = []
    var callbackSequence = 0
    var limiter = TelegramRateLimiter()
    let clock = ContinuousClock()
    /// What `setMyCommands` set, by language code (`""` for the default).
    var menus: [String: TelegramJSON] = [:]
    /// What `setMyDescription` set, by language code (`""` for the default).
    var descriptions: [String: String] = [:]
    /// What `setMyShortDescription` set, by language code (`""` for the default).
    var shortDescriptions: [String: String] = [:]

    init(bot: BotIdentity, configuration: TelegramStandInConfiguration) {
        self.bot = bot
        self.configuration = configuration
    }

    // MARK: - Calls

    /// Runs one Bot API call (faults, latency, dispatch) and logs it.
    func call(method: String, parameters: [String: TelegramJSON], tokenIsValid: Bool) async -> TelegramAPIAnswer {
        let time = Self.timestamp()
        let chatID = parameters["chat_id"]?.int64Value
        var answer: TelegramAPIAnswer
        if !tokenIsValid {
            answer = .error(401, "Unauthorized")
        } else {
            let fault = takeFault(method: method, chatID: chatID)
            let latency = configuration.latencyMilliseconds
            if latency > 0 { try? await Task.sleep(for: .milliseconds(latency)) }
            if let seconds = fault?.hangSeconds, seconds > 0 { try? await Task.sleep(for: .seconds(seconds)) }
            if Task.isCancelled {
                answer = .error(499, "client closed the request")
            } else if let fault, let status = fault.status {
                answer = faultAnswer(fault, status: status)
            } else {
                answer = await dispatch(method: method, parameters: parameters)
            }
        }
        record(time: time, method: method, chatID: chatID, parameters: parameters, answer: answer)
        return answer
    }

    private func dispatch(method: String, parameters: [String: TelegramJSON]) async -> TelegramAPIAnswer {
        switch method.lowercased() {
        case "getme": return .ok(TelegramShapes.botUser(id: bot.id, firstName: bot.firstName, username: bot.username, forGetMe: true))
        case "getupdates": return await getUpdates(parameters)
        case "sendmessage": return sendMessage(parameters)
        case "editmessagetext": return editMessageText(parameters)
        case "answercallbackquery": return answerCallbackQuery(parameters)
        case "setwebhook": return setWebhook(parameters)
        case "deletewebhook": return deleteWebhook(parameters)
        case "getwebhookinfo": return getWebhookInfo()
        case "setmycommands": return setMyCommands(parameters)
        case "setmydescription": return setMyDescription(parameters)
        case "setmyshortdescription": return setMyShortDescription(parameters)
        default: return .error(404, "Not Found")
        }
    }

    private func takeFault(method: String, chatID: Int64?) -> TelegramStandInFault? {
        guard let index = configuration.faults.firstIndex(where: { $0.matches(method: method, chatID: chatID) }) else {
            return nil
        }
        let fault = configuration.faults[index]
        if let count = fault.count {
            if count <= 1 {
                configuration.faults.remove(at: index)
            } else {
                configuration.faults[index].count = count - 1
            }
        }
        return fault
    }

    private func faultAnswer(_ fault: TelegramStandInFault, status: Int) -> TelegramAPIAnswer {
        let reason: String
        switch status {
        case 400: reason = "Bad Request"
        case 401: reason = "Unauthorized"
        case 403: reason = configuration.forbiddenDescription
        case 404: reason = "Not Found"
        case 409: reason = "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"
        case 429: reason = "Too Many Requests: retry after \(fault.retryAfter ?? 1)"
        case 500: reason = "Internal Server Error"
        case 502: reason = "Bad Gateway"
        case 503: reason = "Service Unavailable"
        case 504: reason = "Gateway Timeout"
        default: reason = "Error \(status)"
        }
        if fault.html == true {
            var answer = TelegramAPIAnswer.error(status, reason)
            answer.html = TelegramAPIAnswer.nginxPage(status, reason: reason)
            return answer
        }
        var parameters: TelegramJSON?
        if status == 429 { parameters = ["retry_after": .int(Int64(fault.retryAfter ?? 1))] }
        return .error(status, fault.description ?? reason, parameters: parameters)
    }

    private func record(
        time: String, method: String, chatID: Int64?, parameters: [String: TelegramJSON], answer: TelegramAPIAnswer
    ) {
        log.append(
            TelegramStandInLogEntry(
                time: time, method: method, chatID: chatID, status: answer.status,
                description: answer.errorDescription, parameters: .object(parameters)))
        if log.count > Self.maxLogEntries { log.removeFirst(log.count - Self.maxLogEntries) }
        guard method.lowercased() == "sendmessage" else { return }
        let result = answer.status == 200 ? answer.body["result"] : nil
        sent.append(
            TelegramStandInSentMessage(
                time: time, chatID: chatID, text: parameters["text"]?.stringValue,
                parseMode: parameters["parse_mode"]?.stringValue, replyMarkup: parameters["reply_markup"]?.jsonValue,
                linkPreviewOptions: parameters["link_preview_options"]?.jsonValue, status: answer.status,
                delivered: answer.status == 200, messageID: (result?["message_id"]?.int64Value).map { Int($0) },
                deliveredText: result?["text"]?.stringValue, description: answer.errorDescription,
                parameters: .object(parameters)))
    }

    static func timestamp(_ date: Date = Date()) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    static func unixNow() -> Int64 { Int64(Date().timeIntervalSince1970) }

    // MARK: - Control

    func sentMessages() -> [TelegramStandInSentMessage] { sent }
    func callLog() -> [TelegramStandInLogEntry] { log }
    func pendingUpdates() -> [TelegramJSON] { updates.map(\.json) }
    func currentConfiguration() -> TelegramStandInConfiguration { configuration }

    func setConfiguration(_ configuration: TelegramStandInConfiguration) {
        self.configuration = configuration
    }

    /// Forgets everything (pending long poll answered empty), back to the default configuration.
    func reset() {
        if let waiter {
            self.waiter = nil
            waiter.timer.cancel()
            waiter.continuation.resume(returning: .updates([]))
        }
        configuration = TelegramStandInConfiguration()
        updates = []
        nextUpdateID = Self.firstUpdateID
        allowedUpdates = nil
        webhook = nil
        sent = []
        log = []
        people = [:]
        lastMessageID = [:]
        botMessages = [:]
        openCallbackQueries = []
        callbackSequence = 0
        limiter = TelegramRateLimiter()
        menus = [:]
        descriptions = [:]
        shortDescriptions = [:]
    }

    // MARK: - Shared helpers

    func nextMessageID(in chatID: Int64) -> Int {
        let id = (lastMessageID[chatID] ?? 0) + 1
        lastMessageID[chatID] = id
        return id
    }

    func chatJSON(_ chatID: Int64) -> TelegramJSON {
        TelegramShapes.chat(id: chatID, person: chatID > 0 ? people[chatID] : nil)
    }

    var botUserJSON: TelegramJSON {
        TelegramShapes.botUser(id: bot.id, firstName: bot.firstName, username: bot.username)
    }
}
