import BotCore
import Foundation
import Localization
import StandIns
import TestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// Webhook mode: setWebhook with a secret token; requests without the matching header are refused.
@Suite("WebhookReceiver", .enabled(if: BotHarness.isEnabled))
struct WebhookReceiverTests {
    static let secret = "s3cret_Token-42"

    @Test("registers the webhook with secret_token; only requests with the matching header reach the bot")
    func secretToken() async throws {
        try await withBot(poll: false) { bot in
            let receiver = WebhookReceiver(
                api: bot.api, dispatcher: bot.dispatcher, publicURL: URL(string: "https://bot.example.org/telegram/hook")!,
                secret: Self.secret, port: 0, path: "/telegram/hook", host: "127.0.0.1", logger: bot.logger)
            let running = Task { try await receiver.run() }
            defer { running.cancel() }
            try await bot.waitUntil("the webhook is registered") {
                await bot.telegram.callLog().contains { $0.method == "setWebhook" && $0.status == 200 }
            }
            let registration = try #require(await bot.telegram.callLog().first { $0.method == "setWebhook" })
            #expect(registration.parameters["url"]?.stringValue == "https://bot.example.org/telegram/hook")
            #expect(registration.parameters["secret_token"]?.stringValue == Self.secret)
            #expect(
                registration.parameters["allowed_updates"]?.arrayValue?.compactMap(\.stringValue).contains("my_chat_member")
                    == true)
            let port = try #require(receiver.port)
            let url = URL(string: "http://127.0.0.1:\(port)/telegram/hook")!
            let update = Data(
                #"{"update_id":1,"message":{"message_id":1,"date":1790000000,"chat":{"id":8001,"type":"private"},"from":{"id":8001,"is_bot":false,"first_name":"W","language_code":"fa"},"text":"/help","entities":[{"type":"bot_command","offset":0,"length":5}]}}"#
                    .utf8)

            #expect(try await Self.post(url, body: update, secret: nil) == 401)
            #expect(try await Self.post(url, body: update, secret: "wrong") == 401)
            #expect(try await Self.post(url, body: update, secret: Self.secret + "x") == 401)
            #expect(try await Self.post(URL(string: "http://127.0.0.1:\(port)/other")!, body: update, secret: Self.secret) == 404)
            #expect(await bot.sent(to: 8001).isEmpty, "refused requests never reach the conversation")

            #expect(try await Self.post(url, body: update, secret: Self.secret) == 200)
            // The answer comes after the update was handled, so the reply is already there.
            #expect(await bot.replies(to: 8001).map(\.text) == [BotText(.persian).help])
            // Garbage with the right secret: acknowledged (Telegram would resend it forever otherwise), nothing sent.
            #expect(try await Self.post(url, body: Data("{not json".utf8), secret: Self.secret) == 200)
            #expect(await bot.sent(to: 8001).count == 1)
        }
    }

    static func post(_ url: URL, body: Data, secret: String?) async throws -> Int {
        var request = URLRequest(url: url)
        request.httpMethod = "POST"
        request.httpBody = body
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        if let secret { request.setValue(secret, forHTTPHeaderField: "X-Telegram-Bot-Api-Secret-Token") }
        let (_, response) = try await URLSession.shared.data(for: request)
        return (response as? HTTPURLResponse)?.statusCode ?? 0
    }
}
