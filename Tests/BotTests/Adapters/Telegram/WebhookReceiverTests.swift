#if canImport(Glibc)
import Glibc
#endif
import BotAdapters
import BotApp
import BotDomain
import Dispatch
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
            // The answer comes once the update is queued; the reply follows from its chat lane.
            try await bot.waitUntil("the reply to the webhook update") { await bot.sent(to: 8001).count == 1 }
            #expect(await bot.replies(to: 8001).map(\.text) == [BotText(.persian).help])
            // Garbage with the right secret: acknowledged (Telegram would resend it forever otherwise), nothing sent.
            #expect(try await Self.post(url, body: Data("{not json".utf8), secret: Self.secret) == 200)
            #expect(await bot.sent(to: 8001).count == 1)
        }
    }

    @Test("answers 200 once an update is queued, drops a retried update_id, and drains the lanes on shutdown")
    func queuedDeduplicatedAndDrained() async throws {
        try await withBot(poll: false) { bot in
            let receiver = WebhookReceiver(
                api: bot.api, dispatcher: bot.dispatcher, publicURL: URL(string: "https://bot.example.org/hook")!,
                secret: Self.secret, port: 0, path: "/hook", host: "127.0.0.1", logger: bot.logger)
            let running = Task { try await receiver.run() }
            defer { running.cancel() }
            try await bot.waitUntil("the webhook is registered") {
                await bot.telegram.callLog().contains { $0.method == "setWebhook" && $0.status == 200 }
            }
            // Every Bot API call now takes 3 s: a webhook that handled the update inside the
            // request would answer that late, and Telegram would retry.
            var configuration = await bot.telegram.configuration()
            configuration.latencyMilliseconds = 3000
            await bot.telegram.configure(configuration)
            let url = URL(string: "http://127.0.0.1:\(try #require(receiver.port))/hook")!

            #expect(try await Self.post(url, body: Self.helpUpdate(id: 70, chat: 8101), secret: Self.secret) == 200)
            #expect(await bot.dispatcher.pendingCount == 1, "answered while the update is still being handled")
            #expect(await bot.sent(to: 8101).isEmpty)
            // Telegram's retry of the same update, then another chat's update.
            #expect(try await Self.post(url, body: Self.helpUpdate(id: 70, chat: 8101), secret: Self.secret) == 200)
            #expect(try await Self.post(url, body: Self.helpUpdate(id: 71, chat: 8102), secret: Self.secret) == 200)

            // SIGTERM: the group cancels the receiver; run() returns once the queued updates are handled.
            running.cancel()
            try await running.value
            #expect(await bot.dispatcher.pendingCount == 0)
            #expect(await bot.replies(to: 8101).map(\.text) == [BotText(.persian).help], "handled once, retry dropped")
            #expect(await bot.replies(to: 8102).map(\.text) == [BotText(.persian).help], "queued update not lost")
        }
    }

    @Test("a request without the secret is refused from its head, before its body is read")
    func secretCheckedBeforeTheBody() async throws {
        try await withBot(poll: false) { bot in
            let receiver = WebhookReceiver(
                api: bot.api, dispatcher: bot.dispatcher, publicURL: URL(string: "https://bot.example.org/hook")!,
                secret: Self.secret, port: 0, path: "/hook", host: "127.0.0.1", logger: bot.logger)
            let running = Task { try await receiver.run() }
            defer { running.cancel() }
            try await bot.waitUntil("the webhook is listening") { receiver.port != nil }
            let port = try #require(receiver.port)
            // 1 MB announced and never sent: only a head check can answer this (the server's
            // request deadline is 10 s, this client waits at most 5 s).
            let stranger = "POST /hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: wrong\r\nContent-Length: 1000000\r\n\r\n"
            #expect(await Self.rawStatusLine(port: port, sending: stranger).hasPrefix("HTTP/1.1 401 "))
            // With the secret, a body over the 1 MiB limit is refused from its announced length.
            let large =
                "POST /hook HTTP/1.1\r\nHost: x\r\nX-Telegram-Bot-Api-Secret-Token: \(Self.secret)\r\nContent-Length: 2000000\r\n\r\n"
            #expect(await Self.rawStatusLine(port: port, sending: large).hasPrefix("HTTP/1.1 413 "))
        }
    }

    static func helpUpdate(id: Int, chat: Int) -> Data {
        Data(
            #"{"update_id":\#(id),"message":{"message_id":\#(id),"date":1790000000,"chat":{"id":\#(chat),"type":"private"},"from":{"id":\#(chat),"is_bot":false,"first_name":"W","language_code":"fa"},"text":"/help","entities":[{"type":"bot_command","offset":0,"length":5}]}}"#
                .utf8)
    }

    /// Sends `text` on a fresh connection and returns the first line answered within 5 s ("" if none).
    static func rawStatusLine(port: Int, sending text: String) async -> String {
        await withCheckedContinuation { continuation in
            DispatchQueue.global().async {
                let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
                defer { close(fd) }
                var address = sockaddr_in()
                address.sin_family = sa_family_t(AF_INET)
                address.sin_port = UInt16(port).bigEndian
                address.sin_addr.s_addr = inet_addr("127.0.0.1")
                let connected = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                guard connected == 0 else { return continuation.resume(returning: "") }
                var timeout = timeval(tv_sec: 5, tv_usec: 0)
                _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
                _ = Array(text.utf8).withUnsafeBytes { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                var buffer = [UInt8](repeating: 0, count: 4096)
                let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                let answer = received > 0 ? String(decoding: buffer[0..<received], as: UTF8.self) : ""
                continuation.resume(returning: answer.components(separatedBy: "\r\n").first ?? "")
            }
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
