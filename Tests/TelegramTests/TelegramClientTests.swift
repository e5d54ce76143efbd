import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import StandIns
import Telegram
import Testing

@Suite("TelegramClient against a stub transport")
struct TelegramClientTests {
    @Test("requests go to <base>/bot<token>/<method> as JSON with only the given parameters")
    func requestShape() async throws {
        let transport = StubTransport(body: #"{"ok":true,"result":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"text":"hi"}}"#)
        let client = stubClient(transport)
        _ = try await client.sendMessage(
            chatID: 5, text: "hi", parseMode: .html, replyMarkup: InlineKeyboardMarkup([[.callback("x", data: "y")]]),
            linkPreviewOptions: .disabled)
        let request = try #require(transport.requests.first)
        #expect(request.url.absoluteString == "http://stub.invalid/bot\(testToken)/sendMessage")
        #expect(request.httpMethod == "POST")
        #expect(request.headers["Content-Type"] == "application/json")
        let body = String(decoding: request.body, as: UTF8.self)
        #expect(
            body
                == #"{"chat_id":5,"link_preview_options":{"is_disabled":true},"parse_mode":"HTML","reply_markup":{"inline_keyboard":[[{"callback_data":"y","text":"x"}]]},"text":"hi"}"#
        )
    }

    @Test("reply keyboards, their removal and the menu methods encode in the documented shapes")
    func menuAndKeyboardShapes() async throws {
        let message = #"{"ok":true,"result":{"message_id":1,"date":1,"chat":{"id":5,"type":"private"},"text":"hi"}}"#
        let transport = StubTransport(body: message)
        let client = stubClient(transport)
        _ = try await client.sendMessage(
            chatID: 5, text: "hi",
            markup: .replyKeyboard(
                ReplyKeyboardMarkup(
                    keyboard: [[ReplyKeyboardButton("a"), ReplyKeyboardButton("b")]], isPersistent: true, resizeKeyboard: true,
                    inputFieldPlaceholder: "p")))
        _ = try await client.sendMessage(chatID: 5, text: "hi", markup: .removeKeyboard(ReplyKeyboardRemove()))
        let bodies = transport.requests.map { String(decoding: $0.body, as: UTF8.self) }
        #expect(
            bodies == [
                #"{"chat_id":5,"reply_markup":{"input_field_placeholder":"p","is_persistent":true,"keyboard":[[{"text":"a"},{"text":"b"}]],"resize_keyboard":true},"text":"hi"}"#,
                #"{"chat_id":5,"reply_markup":{"remove_keyboard":true},"text":"hi"}"#,
            ])

        let ok = StubTransport(body: #"{"ok":true,"result":true}"#)
        let menu = stubClient(ok)
        try await menu.setMyCommands(
            SetMyCommandsRequest(commands: [BotMenuCommand(command: "start", description: "شروع")]))
        try await menu.setMyDescription(SetMyDescriptionRequest(description: "d", languageCode: "en"))
        try await menu.setMyShortDescription(SetMyShortDescriptionRequest(shortDescription: "s", languageCode: "en"))
        #expect(ok.requests.map { $0.url.lastPathComponent } == ["setMyCommands", "setMyDescription", "setMyShortDescription"])
        #expect(
            ok.requests.map { String(decoding: $0.body, as: UTF8.self) } == [
                #"{"commands":[{"command":"start","description":"شروع"}]}"#,
                #"{"description":"d","language_code":"en"}"#,
                #"{"language_code":"en","short_description":"s"}"#,
            ])
    }

    @Test("a BotMenuCommand is valid only with Telegram's lengths and alphabet")
    func menuCommandValidity() {
        #expect(BotMenuCommand(command: "start_2", description: "x").isValid)
        #expect(!BotMenuCommand(command: "Start", description: "x").isValid)
        #expect(!BotMenuCommand(command: String(repeating: "a", count: 33), description: "x").isValid)
        #expect(!BotMenuCommand(command: "a", description: "").isValid)
        #expect(!BotMenuCommand(command: "a", description: String(repeating: "x", count: 257)).isValid)
    }

    @Test("getUpdates: long-poll HTTP timeout is the poll timeout plus grace")
    func longPollTimeout() async throws {
        let transport = StubTransport(body: #"{"ok":true,"result":[]}"#)
        let batch = try await stubClient(transport).getUpdates(offset: 7, limit: 50, timeout: 25, allowedUpdates: ["message"])
        #expect(batch.isEmpty)
        #expect(batch.nextOffset == nil)
        let request = try #require(transport.requests.first)
        #expect(request.timeout == .seconds(35))
        #expect(
            String(decoding: request.body, as: UTF8.self)
                == #"{"allowed_updates":["message"],"limit":50,"offset":7,"timeout":25}"#)
    }

    @Test("one undecodable update doesn't fail the batch and the offset still advances past it")
    func tolerantBatch() async throws {
        let transport = StubTransport(
            body: """
                {"ok":true,"result":[
                  {"update_id":100,"message":{"message_id":1,"date":1,"chat":{"id":1,"type":"private"},"text":"a"}},
                  {"update_id":101,"message":{"message_id":"two","date":1}},
                  {"update_id":102,"poll":{"id":"p"}},
                  "garbage",
                  {"update_id":103,"callback_query":{"id":"c","from":{"id":1,"is_bot":false,"first_name":"A"},"chat_instance":"1","data":"d"}}
                ]}
                """)
        let batch = try await stubClient(transport).getUpdates()
        #expect(batch.updates.map(\.updateID) == [100, 102, 103])
        #expect(batch.updates.map(\.kind.rawValue) == ["message", "poll", "callback_query"])
        #expect(batch.undecodable.map(\.updateID) == [101, nil])
        #expect(batch.undecodable.first?.reason.contains("message") == true)
        #expect(batch.nextOffset == 104)
    }

    @Test(
        "error answers map to typed errors",
        arguments: [
            (
                429, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 5","parameters":{"retry_after":5}}"#,
                TelegramError.Kind.tooManyRequests(retryAfter: .seconds(5)), true
            ),
            (
                429, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 7"}"#,
                .tooManyRequests(retryAfter: .seconds(7)), true
            ),
            // Hostile or broken values: clamped to ExternalDuration's 0 s ... 1 hour, never a trap.
            (
                429, #"{"ok":false,"error_code":429,"description":"x","parameters":{"retry_after":9223372036854775807}}"#,
                .tooManyRequests(retryAfter: .seconds(3600)), true
            ),
            (
                429, #"{"ok":false,"error_code":429,"description":"x","parameters":{"retry_after":-5}}"#,
                .tooManyRequests(retryAfter: .zero), true
            ),
            (
                429, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 99999999999999999999999999"}"#,
                .tooManyRequests(retryAfter: .seconds(3600)), true
            ),
            (
                429, #"{"ok":false,"error_code":429,"description":"Too Many Requests: retry after ٣٥","parameters":{"retry_after":1e300}}"#,
                .tooManyRequests(retryAfter: .seconds(1)), true
            ),
            (
                403, #"{"ok":false,"error_code":403,"description":"Forbidden: bot was blocked by the user"}"#,
                .forbidden(description: "Forbidden: bot was blocked by the user"), false
            ),
            (
                403, #"{"ok":false,"error_code":403,"description":"Forbidden: user is deactivated"}"#,
                .forbidden(description: "Forbidden: user is deactivated"), false
            ),
            (
                400, #"{"ok":false,"error_code":400,"description":"Bad Request: chat not found"}"#,
                .badRequest(description: "Bad Request: chat not found"), false
            ),
            (
                400,
                #"{"ok":false,"error_code":400,"description":"Bad Request: group chat was upgraded to a supergroup chat","parameters":{"migrate_to_chat_id":-1001234567890}}"#,
                .chatMigrated(newChatID: -1_001_234_567_890), false
            ),
            (
                409,
                #"{"ok":false,"error_code":409,"description":"Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"}"#,
                .conflict(description: "Conflict: terminated by other getUpdates request; make sure that only one bot instance is running"),
                true
            ),
            (401, #"{"ok":false,"error_code":401,"description":"Unauthorized"}"#, .unauthorized, false),
            (404, #"{"ok":false,"error_code":404,"description":"Not Found"}"#, .notFound, false),
            (500, #"{"ok":false,"error_code":500,"description":"Internal Server Error"}"#, .server(status: 500), true),
            (502, "<html><head><title>502 Bad Gateway</title></head></html>", .server(status: 502), true),
            (418, "", .api(status: 418, description: "HTTP 418"), false),
            (200, "not json", .decoding("answer is not a Bot API JSON envelope"), false),
        ])
    func errorMapping(status: Int, body: String, expected: TelegramError.Kind, retriable: Bool) async {
        let client = stubClient(StubTransport(status: status, body: body))
        do throws(TelegramError) {
            _ = try await client.getMe()
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == expected)
            #expect(error.isRetriable == retriable)
            #expect(error.method == "getMe")
            #expect(!error.description.contains(testToken))
        }
    }

    @Test("a result of the wrong shape is a decoding error")
    func wrongResultShape() async {
        let client = stubClient(StubTransport(body: #"{"ok":true,"result":{"id":"not a number"}}"#))
        await #expect {
            _ = try await client.getMe()
        } throws: { error in
            guard let error = error as? TelegramError, case .decoding(let text) = error.kind else { return false }
            return text.contains("id")
        }
    }

    @Test("retryAfter and code label")
    func helpers() {
        let error = TelegramError(.tooManyRequests(retryAfter: .seconds(3)), method: "sendMessage")
        #expect(error.retryAfter == .seconds(3))
        #expect(error.code == "too_many_requests")
        #expect(error.description == "telegram sendMessage: too_many_requests: retry after 3 s")
        #expect(TelegramError(.timeout, method: "x").retryAfter == nil)
    }

    @Test("URLError timeouts map to .timeout; other URLErrors never leak the URL or token")
    func transportErrors() async {
        let url = URL(string: "https://api.telegram.org/bot\(testToken)/getMe")!
        let timeout = stubClient(StubTransport(throwing: URLError(.timedOut, userInfo: [NSURLErrorFailingURLErrorKey: url])))
        await #expect {
            _ = try await timeout.getMe()
        } throws: { ($0 as? TelegramError)?.kind == .timeout }

        let refused = stubClient(
            StubTransport(throwing: URLError(.cannotConnectToHost, userInfo: [NSURLErrorFailingURLErrorKey: url])))
        do throws(TelegramError) {
            _ = try await refused.getMe()
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .transport("URLError -1004 (cannot connect to host)"))
            #expect(error.isRetriable)
            #expect(!error.description.contains(testToken))
            #expect(!String(describing: error).contains(testToken))
            #expect(!String(reflecting: error).contains(testToken))
        }
    }

    @Test("other transport errors are redacted")
    func redactedUnknownError() async {
        struct Leaky: Error, CustomStringConvertible {
            var description: String { "failed for https://api.telegram.org/bot\(testToken)/getMe" }
        }
        let client = stubClient(StubTransport(throwing: Leaky()))
        do throws(TelegramError) {
            _ = try await client.getMe()
        } catch {
            #expect(error.description.contains("<redacted>"))
            #expect(!error.description.contains(testToken))
        }
    }

    @Test("a real URLSession failure (nothing listening) is a transport error without the token")
    func realConnectionRefused() async throws {
        let closed = TelegramStandIn(token: testToken)
        let port = try closed.start()
        closed.stop()  // the port is now free: nothing listens there
        let client = TelegramClient(token: testToken, baseURL: URL(string: "http://127.0.0.1:\(port)")!)
        do throws(TelegramError) {
            _ = try await client.getMe()
            Issue.record("expected an error")
        } catch {
            guard case .transport = error.kind else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(!"\(error)".contains(testToken))
        }
    }

    @Test("configuration descriptions hide the token")
    func configurationDescription() {
        let configuration = TelegramConfiguration(token: testToken)
        #expect(!configuration.description.contains(testToken))
        #expect(!"\(configuration)".contains("SECRET"))
    }
}
