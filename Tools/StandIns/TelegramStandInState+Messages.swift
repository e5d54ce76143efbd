import Foundation

/// sendMessage, editMessageText, answerCallbackQuery and the webhook methods.
extension TelegramStandInState {
    static let maxMessageLength = 4096

    func sendMessage(_ parameters: [String: TelegramJSON]) -> TelegramAPIAnswer {
        let chat: Int64
        switch chatTarget(parameters) {
        case .success(let id): chat = id
        case .failure(let failure): return failure.answer
        }
        guard let raw = textParameter(parameters["text"]), !raw.isEmpty else {
            return .badRequest("message text is empty")
        }
        if configuration.forbiddenChats.contains(chat) { return .error(403, configuration.forbiddenDescription) }
        let formatted: TelegramFormattedText
        switch validatedText(raw, parseMode: parameters["parse_mode"]?.stringValue) {
        case .success(let text): formatted = text
        case .failure(let failure): return failure.answer
        }
        let keyboard: TelegramJSON?
        switch replyMarkup(parameters["reply_markup"]) {
        case .success(let markup): keyboard = markup
        case .failure(let failure): return failure.answer
        }
        let now = clock.now
        if let wait = limiter.retryAfter(chatID: chat, now: now, configuration: configuration) {
            return .error(429, "Too Many Requests: retry after \(wait)", parameters: ["retry_after": .int(Int64(wait))])
        }
        limiter.record(chatID: chat, now: now, configuration: configuration)

        let id = nextMessageID(in: chat)
        var extra: [String: TelegramJSON] = [:]
        if let keyboard { extra["reply_markup"] = keyboard }
        if let options = parameters["link_preview_options"]?.jsonValue, options.objectValue != nil {
            extra["link_preview_options"] = options
        }
        let message = TelegramShapes.message(
            id: id, from: botUserJSON, chat: chatJSON(chat), date: Self.unixNow(), text: formatted.text,
            entities: formatted.entities, extra: extra)
        botMessages[chat, default: [:]][id] = message
        return .ok(message)
    }

    func editMessageText(_ parameters: [String: TelegramJSON]) -> TelegramAPIAnswer {
        if parameters["inline_message_id"] != nil, parameters["chat_id"] == nil {
            return .badRequest("MESSAGE_ID_INVALID")
        }
        let chat: Int64
        switch chatTarget(parameters) {
        case .success(let id): chat = id
        case .failure(let failure): return failure.answer
        }
        guard let messageID = parameters["message_id"]?.int64Value.map({ Int($0) }) else {
            return .badRequest("message identifier is not specified")
        }
        guard let raw = textParameter(parameters["text"]), !raw.isEmpty else {
            return .badRequest("text must be non-empty")
        }
        if configuration.forbiddenChats.contains(chat) { return .error(403, configuration.forbiddenDescription) }
        guard var message = botMessages[chat]?[messageID] else {
            return .badRequest("message to edit not found")
        }
        let formatted: TelegramFormattedText
        switch validatedText(raw, parseMode: parameters["parse_mode"]?.stringValue) {
        case .success(let text): formatted = text
        case .failure(let failure): return failure.answer
        }
        let keyboard: TelegramJSON?
        switch inlineKeyboard(parameters["reply_markup"]) {
        case .success(let markup): keyboard = markup
        case .failure(let failure): return failure.answer
        }
        let entities: TelegramJSON? = formatted.entities.isEmpty ? nil : .array(formatted.entities)
        if message["text"]?.stringValue == formatted.text, message["entities"] == entities,
            message["reply_markup"] == keyboard
        {
            return .badRequest(
                "message is not modified: specified new message content and reply markup are exactly the same "
                    + "as a current content and reply markup of the message")
        }
        message["text"] = .string(formatted.text)
        message["entities"] = entities
        message["reply_markup"] = keyboard
        message["edit_date"] = .int(Self.unixNow())
        botMessages[chat]?[messageID] = message
        return .ok(message)
    }

    func answerCallbackQuery(_ parameters: [String: TelegramJSON]) -> TelegramAPIAnswer {
        guard let id = textParameter(parameters["callback_query_id"]), openCallbackQueries.contains(id) else {
            return .badRequest("query is too old and response timeout expired or query ID is invalid")
        }
        if let text = parameters["text"]?.stringValue, text.count > 200 {
            return .badRequest("MESSAGE_TOO_LONG")
        }
        openCallbackQueries.remove(id)
        return .ok(true)
    }

    func setWebhook(_ parameters: [String: TelegramJSON]) -> TelegramAPIAnswer {
        let url = parameters["url"]?.stringValue ?? ""
        if url.isEmpty { return deleteWebhook(parameters) }
        guard url.lowercased().hasPrefix("https://"), URL(string: url)?.host != nil else {
            return .badRequest("bad webhook: An HTTPS URL must be provided for webhook")
        }
        let secret = parameters["secret_token"]?.stringValue
        if let secret {
            let allowed = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-")
            guard (1...256).contains(secret.count), secret.unicodeScalars.allSatisfy(allowed.contains) else {
                return .badRequest("bad webhook: secret token contains unallowed characters")
            }
        }
        if parameters["drop_pending_updates"]?.boolValue == true { updates = [] }
        let allowedKinds = parameters["allowed_updates"]?.jsonValue?.arrayValue?.compactMap(\.stringValue)
        if let allowedKinds { allowedUpdates = allowedKinds.isEmpty ? nil : Set(allowedKinds) }
        let maxConnections = Int(parameters["max_connections"]?.int64Value ?? 40)
        webhook = Webhook(url: url, secretToken: secret, maxConnections: maxConnections, allowedUpdates: allowedKinds)
        if let waiter {
            self.waiter = nil
            waiter.timer.cancel()
            waiter.continuation.resume(returning: .conflict("Conflict: terminated by setWebhook request"))
        }
        return .ok(true, description: "Webhook was set")
    }

    func deleteWebhook(_ parameters: [String: TelegramJSON]) -> TelegramAPIAnswer {
        if parameters["drop_pending_updates"]?.boolValue == true { updates = [] }
        let hadWebhook = webhook != nil
        webhook = nil
        return .ok(true, description: hadWebhook ? "Webhook was deleted" : "Webhook is already deleted")
    }

    func getWebhookInfo() -> TelegramAPIAnswer {
        var info: [String: TelegramJSON] = [
            "url": .string(webhook?.url ?? ""), "has_custom_certificate": false,
            "pending_update_count": .int(Int64(updates.count)),
        ]
        if let webhook {
            info["max_connections"] = .int(Int64(webhook.maxConnections))
            info["ip_address"] = "127.0.0.1"
            if let kinds = webhook.allowedUpdates { info["allowed_updates"] = .array(kinds.map { .string($0) }) }
        }
        return .ok(.object(info))
    }

    // MARK: - Validation shared by send and edit

    private func chatTarget(_ parameters: [String: TelegramJSON]) -> Result<Int64, AnswerFailure> {
        guard let raw = parameters["chat_id"], raw != .null, textParameter(raw) != "" else {
            return .failure(AnswerFailure(.badRequest("chat_id is empty")))
        }
        guard let chat = raw.int64Value, chat != 0, !configuration.unknownChats.contains(chat) else {
            return .failure(AnswerFailure(.badRequest("chat not found")))
        }
        return .success(chat)
    }

    private func validatedText(_ raw: String, parseMode: String?) -> Result<TelegramFormattedText, AnswerFailure> {
        switch TelegramFormattedText.parse(raw, parseMode: parseMode) {
        case .failure(let error):
            return .failure(AnswerFailure(.error(400, error.description)))
        case .success(let formatted):
            if formatted.text.isEmpty { return .failure(AnswerFailure(.badRequest("message text is empty"))) }
            if formatted.text.utf16.count > Self.maxMessageLength {
                return .failure(AnswerFailure(.badRequest("message is too long")))
            }
            return .success(formatted)
        }
    }

    /// sendMessage's `reply_markup` checked whatever its kind (inline keyboard, reply keyboard, its
    /// removal, a forced reply); the inline keyboard to echo in the Message (the only kind
    /// `Message.reply_markup` documents), or the 400 Telegram gives for a malformed one.
    private func replyMarkup(_ parameter: TelegramJSON?) -> Result<TelegramJSON?, AnswerFailure> {
        guard let parameter, parameter != .null else { return .success(nil) }
        guard let markup = parameter.jsonValue, markup.objectValue != nil else {
            return .failure(AnswerFailure(.badRequest("can't parse reply keyboard markup JSON object")))
        }
        if markup["inline_keyboard"] != nil { return inlineKeyboard(markup) }
        if markup["keyboard"] != nil {
            if let problem = TelegramReplyKeyboardCheck.problem(inReplyKeyboard: markup) {
                return .failure(AnswerFailure(.badRequest(problem)))
            }
            return .success(nil)
        }
        if markup["remove_keyboard"] != nil {
            guard markup["remove_keyboard"] == .bool(true) else {
                return .failure(AnswerFailure(.badRequest("can't parse reply keyboard markup JSON object")))
            }
            return .success(nil)
        }
        if markup["force_reply"] == .bool(true) { return .success(nil) }
        return .failure(AnswerFailure(.badRequest("can't parse reply keyboard markup JSON object")))
    }

    /// The inline keyboard to echo in the Message (nil for none or another keyboard kind), or the
    /// 400 Telegram gives for a malformed one.
    private func inlineKeyboard(_ parameter: TelegramJSON?) -> Result<TelegramJSON?, AnswerFailure> {
        guard let parameter, parameter != .null else { return .success(nil) }
        guard let markup = parameter.jsonValue, markup.objectValue != nil else {
            return .failure(AnswerFailure(.badRequest("can't parse reply keyboard markup JSON object")))
        }
        guard let keyboard = markup["inline_keyboard"] else { return .success(nil) }
        guard let rows = keyboard.arrayValue else {
            return .failure(
                AnswerFailure(.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays")))
        }
        for row in rows {
            guard let buttons = row.arrayValue else {
                return .failure(
                    AnswerFailure(.badRequest("field \"inline_keyboard\" of the InlineKeyboardMarkup should be an Array of Arrays")))
            }
            for button in buttons {
                guard button["text"]?.stringValue != nil else {
                    return .failure(AnswerFailure(.badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")))
                }
                if let data = button["callback_data"]?.stringValue {
                    guard (1...64).contains(data.utf8.count) else {
                        return .failure(AnswerFailure(.badRequest("BUTTON_DATA_INVALID")))
                    }
                } else if let url = button["url"]?.stringValue {
                    let lower = url.lowercased()
                    guard lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("tg://"),
                        URL(string: url) != nil
                    else {
                        return .failure(AnswerFailure(.badRequest("inline keyboard button URL '\(url)' is invalid: Wrong HTTP URL")))
                    }
                } else if button.objectValue?.keys.count == 1 {
                    return .failure(
                        AnswerFailure(.badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")))
                }
            }
        }
        return .success(markup)
    }

    /// A string parameter; numbers are accepted as their text, as Telegram does.
    private func textParameter(_ value: TelegramJSON?) -> String? {
        switch value {
        case .string(let text): return text
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        default: return nil
        }
    }
}

/// A Bot API error answer carried through `Result`.
struct AnswerFailure: Error {
    var answer: TelegramAPIAnswer
    init(_ answer: TelegramAPIAnswer) { self.answer = answer }
}
