import Foundation
import StandIns
import Telegram
import Testing

/// Runs `body` with a started stand-in and a client pointed at it.
func withStandIn(
    requestTimeout: Duration = .seconds(10),
    _ body: (TelegramStandIn, TelegramClient) async throws -> Void
) async throws {
    let standIn = TelegramStandIn(token: testToken)
    try standIn.start()
    defer { standIn.stop() }
    let client = TelegramClient(
        configuration: TelegramConfiguration(token: testToken, baseURL: standIn.baseURL, requestTimeout: requestTimeout))
    try await body(standIn, client)
}

/// The `TelegramError` thrown by `body`, nil if it returned (another error type is an issue).
func telegramError(_ body: () async throws -> Void) async -> TelegramError? {
    do {
        try await body()
        return nil
    } catch let error as TelegramError {
        return error
    } catch {
        Issue.record("expected a TelegramError, got \(error)")
        return nil
    }
}

@Suite("TelegramClient against the Telegram stand-in")
struct TelegramStandInClientTests {
    @Test("getMe returns the bot")
    func getMe() async throws {
        try await withStandIn { _, client in
            let me = try await client.getMe()
            #expect(me.id == 123_456)
            #expect(me.isBot)
            #expect(me.username == "SlotHunterStandInBot")
        }
    }

    @Test("injected messages arrive with their command; the next offset confirms them")
    func pollAndConfirm() async throws {
        try await withStandIn { standIn, client in
            await standIn.injectMessage(chatID: 42, text: "/start", firstName: "Sara", languageCode: "fa")
            await standIn.injectMessage(chatID: 42, text: "/watch dr-ali")
            let batch = try await client.getUpdates(timeout: 0)
            #expect(batch.updates.count == 2)
            #expect(batch.updates.compactMap { $0.message?.botCommand?.name } == ["start", "watch"])
            #expect(batch.updates.last?.message?.botCommand?.arguments == "dr-ali")
            #expect(batch.updates.first?.message?.from?.firstName == "Sara")
            let again = try await client.getUpdates(timeout: 0)
            #expect(again.updates.count == 2, "not confirmed yet")
            let confirmed = try await client.getUpdates(offset: batch.nextOffset, timeout: 0)
            #expect(confirmed.isEmpty)
            #expect(await standIn.pendingUpdates().isEmpty)
        }
    }

    @Test("a long poll returns as soon as an update is injected")
    func longPollWakes() async throws {
        try await withStandIn { standIn, client in
            let started = ContinuousClock.now
            async let batch = client.getUpdates(timeout: 10)
            try await Task.sleep(for: .milliseconds(300))
            await standIn.injectMessage(chatID: 7, text: "hello")
            let updates = try await batch.updates
            #expect(updates.first?.message?.text == "hello")
            // Well before the 10 s long-poll timeout (generous: the test machine may be busy).
            #expect(ContinuousClock.now - started < .seconds(8))
        }
    }

    @Test("a long poll with nothing to deliver returns empty after its timeout")
    func longPollTimesOut() async throws {
        try await withStandIn { _, client in
            let started = ContinuousClock.now
            let batch = try await client.getUpdates(timeout: 1)
            let elapsed = ContinuousClock.now - started
            #expect(batch.isEmpty)
            #expect(elapsed >= .milliseconds(900) && elapsed < .seconds(9))
        }
    }

    @Test("a second poller terminates the first with 409 Conflict")
    func conflict() async throws {
        try await withStandIn { standIn, client in
            let first = Task { await telegramError { _ = try await client.getUpdates(timeout: 10) } }
            try await Task.sleep(for: .milliseconds(300))
            let second = Task { try await client.getUpdates(timeout: 10) }
            let error = await first.value
            guard case .conflict(let description) = error?.kind else {
                Issue.record("expected conflict, got \(String(describing: error))")
                second.cancel()
                return
            }
            #expect(description.contains("terminated by other getUpdates request"))
            #expect(error?.isRetriable == true)
            await standIn.injectMessage(chatID: 1, text: "for the survivor")
            #expect(try await second.value.updates.count == 1)
        }
    }

    @Test("cancelling a long poll ends it promptly")
    func cancelLongPoll() async throws {
        try await withStandIn { _, client in
            let poll = Task { await telegramError { _ = try await client.getUpdates(timeout: 30) } }
            try await Task.sleep(for: .milliseconds(300))
            let cancelled = ContinuousClock.now
            poll.cancel()
            let error = await poll.value
            #expect(ContinuousClock.now - cancelled < .seconds(3))
            #expect(error?.kind == .cancelled)
        }
    }

    @Test("an undecodable update is reported and skipped, and the offset moves past it")
    func undecodableFromStandIn() async throws {
        try await withStandIn { standIn, client in
            try await standIn.injectUpdates(json: Data(#"[{"message":{"message_id":1,"date":1}}]"#.utf8))
            await standIn.injectMessage(chatID: 3, text: "fine")
            let batch = try await client.getUpdates(timeout: 0)
            #expect(batch.undecodable.count == 1)
            #expect(batch.updates.map { $0.message?.text } == ["fine"])
            #expect(batch.nextOffset == (batch.updates.first?.updateID ?? 0) + 1)
            #expect(try await client.getUpdates(offset: batch.nextOffset, timeout: 0).isEmpty)
        }
    }

    @Test("sendMessage: HTML is parsed into text and entities, keyboard echoed")
    func sendHTML() async throws {
        try await withStandIn { standIn, client in
            let keyboard = InlineKeyboardMarkup([[.callback("لغو", data: "cancel:9")]])
            let message = try await client.sendMessage(
                chatID: 42, text: "<b>نوبت خالی</b> برای \(ParseMode.escapeHTML("Dr. <Ali> & Co"))", parseMode: .html,
                replyMarkup: keyboard, linkPreviewOptions: .disabled)
            #expect(message.text == "نوبت خالی برای Dr. <Ali> & Co")
            #expect(message.entities == [MessageEntity(type: .bold, offset: 0, length: 9)])
            #expect(message.replyMarkup == keyboard)
            #expect(message.from?.isBot == true)
            #expect(message.chat.id == 42)
            let sent = await standIn.sentMessages()
            #expect(sent.count == 1)
            #expect(sent.first?.delivered == true)
            #expect(sent.first?.messageID == message.messageID)
        }
    }

    @Test("sendMessage: broken HTML is a bad request")
    func badHTML() async throws {
        try await withStandIn { _, client in
            let error = await telegramError { _ = try await client.sendMessage(chatID: 1, text: "a < b", parseMode: .html) }
            guard case .badRequest(let description) = error?.kind else {
                Issue.record("unexpected \(String(describing: error))")
                return
            }
            #expect(description.hasPrefix("Bad Request: can't parse entities"))
            #expect(error?.isRetriable == false)
        }
    }

    @Test("1 message per second per chat: the second is 429 with retry_after, later it goes")
    func perChatLimit() async throws {
        try await withStandIn { standIn, client in
            // A 4 s window keeps the check independent of machine load; the rule is the same as 1/s.
            var configuration = await standIn.configuration()
            configuration.perChatWindowSeconds = 4
            await standIn.configure(configuration)
            _ = try await client.sendMessage(chatID: 5, text: "one")
            let error = await telegramError { _ = try await client.sendMessage(chatID: 5, text: "two") }
            guard case .tooManyRequests(let retryAfter)? = error?.kind else {
                Issue.record("expected 429, got \(String(describing: error))")
                return
            }
            #expect(retryAfter >= .seconds(1) && retryAfter <= .seconds(4))
            #expect(error?.isRetriable == true)
            _ = try await client.sendMessage(chatID: 6, text: "another chat is fine")
            try await Task.sleep(for: error?.retryAfter ?? .seconds(1))
            _ = try await client.sendMessage(chatID: 5, text: "two, later")
        }
    }

    @Test("blocked users answer 403 forbidden; 5xx and hangs on demand")
    func faults() async throws {
        try await withStandIn(requestTimeout: .seconds(4)) { standIn, client in
            var configuration = TelegramStandInConfiguration()
            configuration.forbiddenChats = [66]
            configuration.faults = [
                TelegramStandInFault(method: "sendMessage", chatID: 77, status: 502, html: true, count: 1),
                TelegramStandInFault(method: "getMe", hangSeconds: 12, count: 1),
            ]
            await standIn.configure(configuration)
            let blocked = await telegramError { _ = try await client.sendMessage(chatID: 66, text: "x") }
            #expect(blocked?.kind == .forbidden(description: "Forbidden: bot was blocked by the user"))
            #expect(blocked?.isRetriable == false)
            let proxy = await telegramError { _ = try await client.sendMessage(chatID: 77, text: "x") }
            #expect(proxy?.kind == .server(status: 502))
            _ = try await client.sendMessage(chatID: 77, text: "second try works")
            let started = ContinuousClock.now
            let hung = await telegramError { _ = try await client.getMe() }
            #expect(hung?.kind == .timeout)
            #expect(ContinuousClock.now - started < .seconds(11), "the client's timeout, not the 12 s hang")
        }
    }

    @Test("callback queries: press, answer once, edit the message")
    func callbackFlow() async throws {
        try await withStandIn { standIn, client in
            let sent = try await client.sendMessage(
                chatID: 8, text: "watching", replyMarkup: InlineKeyboardMarkup([[.callback("Stop", data: "stop:1")]]))
            await standIn.injectCallbackQuery(chatID: 8, data: "stop:1")
            let batch = try await client.getUpdates(timeout: 0)
            let query = try #require(batch.updates.first?.callbackQuery)
            #expect(query.data == "stop:1")
            #expect(query.message?.messageID == sent.messageID)
            #expect(query.from.id == 8)
            try await client.answerCallbackQuery(id: query.id, text: "Stopped")
            let twice = await telegramError { try await client.answerCallbackQuery(id: query.id) }
            guard case .badRequest = twice?.kind else {
                Issue.record("unexpected \(String(describing: twice))")
                return
            }
            let edited = try await client.editMessageText(chatID: 8, messageID: sent.messageID, text: "stopped")
            #expect(edited.text == "stopped")
            #expect(edited.editDate != nil)
            #expect(edited.replyMarkup == nil)
            let same = await telegramError {
                _ = try await client.editMessageText(chatID: 8, messageID: sent.messageID, text: "stopped")
            }
            guard case .badRequest(let description) = same?.kind else {
                Issue.record("unexpected \(String(describing: same))")
                return
            }
            #expect(description.hasPrefix("Bad Request: message is not modified"))
        }
    }

    @Test("webhooks: set, inspect, polling refused, delete")
    func webhooks() async throws {
        try await withStandIn { _, client in
            #expect(try await client.getWebhookInfo().url == "")
            try await client.setWebhook(url: "https://bot.example.org/hook", secretToken: "s3cr3t_-", allowedUpdates: ["message"])
            let info = try await client.getWebhookInfo()
            #expect(info.url == "https://bot.example.org/hook")
            #expect(info.allowedUpdates == ["message"])
            let refused = await telegramError { _ = try await client.getUpdates(timeout: 0) }
            guard case .conflict(let description) = refused?.kind else {
                Issue.record("unexpected \(String(describing: refused))")
                return
            }
            #expect(description.contains("webhook is active"))
            let insecure = await telegramError { try await client.setWebhook(url: "http://bot.example.org/hook") }
            guard case .badRequest = insecure?.kind else {
                Issue.record("unexpected \(String(describing: insecure))")
                return
            }
            try await client.deleteWebhook(dropPendingUpdates: true)
            #expect(try await client.getUpdates(timeout: 0).isEmpty)
        }
    }

    @Test("a wrong token is .unauthorized and the token appears nowhere")
    func wrongToken() async throws {
        try await withStandIn { standIn, _ in
            let other = TelegramClient(token: "999:WRONG-token", baseURL: standIn.baseURL)
            let error = await telegramError { _ = try await other.getMe() }
            #expect(error?.kind == .unauthorized)
            #expect(!"\(String(describing: error))".contains("WRONG-token"))
        }
    }

    @Test("every parameter the client sends is documented in Bot API 10.1")
    func parametersAreDocumented() async throws {
        let spec = try TelegramBotAPISpec.load()
        try await withStandIn { standIn, client in
            _ = try await client.getMe()
            _ = try await client.getUpdates(offset: 1, limit: 10, timeout: 0, allowedUpdates: ["message", "callback_query"])
            let message = try await client.sendMessage(
                SendMessageRequest(
                    chatID: 1, text: "x", parseMode: .html, replyMarkup: InlineKeyboardMarkup([[.url("a", "https://a.b/")]]),
                    linkPreviewOptions: .disabled, disableNotification: true, protectContent: true))
            _ = try await client.editMessageText(
                EditMessageTextRequest(
                    chatID: 1, messageID: message.messageID, text: "y", parseMode: .html, replyMarkup: nil,
                    linkPreviewOptions: .disabled))
            _ = await telegramError {
                try await client.answerCallbackQuery(
                    AnswerCallbackQueryRequest(callbackQueryID: "1", text: "t", showAlert: true, cacheTime: 0))
            }
            try await client.setWebhook(
                SetWebhookRequest(
                    url: "https://x.example/h", secretToken: "abc", allowedUpdates: [], dropPendingUpdates: true, maxConnections: 5))
            _ = try await client.getWebhookInfo()
            try await client.deleteWebhook(dropPendingUpdates: false)
            try await client.setMyCommands(
                SetMyCommandsRequest(commands: [BotMenuCommand(command: "start", description: "Start")], languageCode: "en"))
            try await client.setMyDescription(SetMyDescriptionRequest(description: "d", languageCode: "en"))
            try await client.setMyShortDescription(SetMyShortDescriptionRequest(shortDescription: "s"))
            _ = try await client.sendMessage(
                chatID: 2, text: "k",
                markup: .replyKeyboard(
                    ReplyKeyboardMarkup(keyboard: [[ReplyKeyboardButton("a")]], isPersistent: true, resizeKeyboard: true)))
            _ = try await client.sendMessage(chatID: 3, text: "r", markup: .removeKeyboard(ReplyKeyboardRemove()))
            let log = await standIn.callLog()
            #expect(Set(log.map(\.method)).count == 11)
            #expect(log.allSatisfy { $0.status == 200 || $0.method == "answerCallbackQuery" }, "\(log.map { ($0.method, $0.status) })")
            for entry in log {
                let documented = spec.parameters(of: entry.method)
                let sent = Set(entry.parameters.objectValue?.keys.map { $0 } ?? [])
                #expect(sent.isSubset(of: documented), "\(entry.method) sent undocumented \(sent.subtracting(documented))")
                let required = Set((spec.methods[entry.method] ?? []).filter(\.required).map(\.name))
                #expect(required.isSubset(of: sent), "\(entry.method) missed required \(required.subtracting(sent))")
            }
        }
    }
}
